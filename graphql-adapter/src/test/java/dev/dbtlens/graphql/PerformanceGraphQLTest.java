package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The beta {@code Query.performance}: one client document per field, in the shapes of
 * {@code ../shared/discovery-api/README.md}, with variables as clients send them (ids as numbers,
 * dates as strings, {@code orderBy} as a string, explicit nulls). The history is jaffle_shop's
 * eight run_results (five builds or runs, three docs generate) with the two manifests of the same
 * invocations; expected values were computed with python3 from the files (see core's
 * PerformanceRealArtifactsTest).
 */
class PerformanceGraphQLTest {
  private static final String P = "dbt-artifacts-parser/";
  private static DbtLens lens;
  private static DbtLensGraphQL graphql;

  @BeforeAll
  static void ingest() {
    lens = DbtLens.inMemory();
    lens.ingest(IngestOptions.defaults().withEnvironment("jaffle"), List.of(
        SharedArtifacts.file(P + "run_results/v1/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v2/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v3/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v4/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v5/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v6/jaffle_shop/run_results.json"),
        SharedArtifacts.file(P + "run_results/v6/jaffle_shop/run_results_1.11.json"),
        SharedArtifacts.file(P + "run_results/v6/jaffle_shop/run_results_1.12.json"),
        SharedArtifacts.file(P + "manifest/v11/jaffle_shop/manifest.json"),
        SharedArtifacts.file(P + "manifest/v12/jaffle_shop/manifest_1.9.json")));
    graphql = DbtLensGraphQL.create(lens);
  }

  @AfterAll
  static void close() {
    if (lens != null) {
      lens.close();
    }
  }

  private static Map<String, Object> vars(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    m.put("environmentId", 1);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static JsonNode perf(String document, Map<String, Object> variables) {
    return Gql.data(graphql, document, variables).path("performance");
  }

  @Test
  void modelExecutionHistory() {
    JsonNode days = perf("""
        query Performance($environmentId: BigInt!, $startDate: Date!, $endDate: Date!, $uniqueId: String!) {
          performance(environmentId: $environmentId) {
            modelExecutionHistory(startDate: $startDate, endDate: $endDate, uniqueId: $uniqueId) {
              date
              meanExecutionTime
              executionTimes
              executionsByJob {
                jobId
                meanExecutionTime
                executionTimes
                executions { runId runStartedAt executionTime status isFullRefresh executionStartedAt adapter queryId }
              }
            }
          }
        }""", vars("startDate", "2021-01-01", "endDate", "2025-12-31", "uniqueId", "model.jaffle_shop.stg_customers"))
        .path("modelExecutionHistory");
    assertThat(Gql.texts(days, "/date")).containsExactly(
        "2021-08-12", "2021-11-08", "2021-12-07", "2023-11-06", "2024-12-16");
    assertThat(days.get(1).path("meanExecutionTime").asDouble()).isEqualTo(6.316112995147705);
    JsonNode last = days.get(4).at("/executionsByJob/0/executions/0");
    assertThat(last.path("executionStartedAt").asText()).isEqualTo("2024-12-16T07:45:10.360686Z");
    assertThat(last.path("status").asText()).isEqualTo("success");
    assertThat(last.path("isFullRefresh").asBoolean()).isFalse();
    assertThat(last.path("adapter").asText()).isEqualTo("bigquery");
    assertThat(last.path("runId").isNumber()).isTrue();
  }

  @Test
  void mostExecutedModels() {
    JsonNode most = perf("""
        query Performance($environmentId: BigInt!, $start: Date!, $end: Date!, $limit: Int, $jobLimit: Int) {
          performance(environmentId: $environmentId) {
            mostExecutedModels(start: $start, end: $end, limit: $limit, jobLimit: $jobLimit) {
              uniqueId
              totalExecutions
              byJob { jobId totalExecutions }
            }
          }
        }""", vars("start", "2021-01-01", "end", "2025-12-31", "limit", 3, "jobLimit", 5)).path("mostExecutedModels");
    assertThat(Gql.texts(most, "/uniqueId")).containsExactly(
        "model.jaffle_shop.stg_customers", "model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments");
    assertThat(Gql.texts(most, "/totalExecutions")).containsExactly("5", "5", "5");
    assertThat(Gql.texts(most.get(0).path("byJob"), "/totalExecutions")).containsExactly("4", "1");
  }

  @Test
  void longestExecutedModels() {
    String doc = """
        query Performance($environmentId: BigInt!, $start: Date!, $end: Date!, $limit: Int, $jobId: BigInt, $orderBy: SortAggregation, $jobLimit: Int) {
          performance(environmentId: $environmentId) {
            longestExecutedModels(start: $start, end: $end, limit: $limit, jobId: $jobId, orderBy: $orderBy, jobLimit: $jobLimit) {
              uniqueId
              maxExecutionTime
              averageExecutionTime
              byJob { jobId maxExecutionTime averageExecutionTime }
            }
          }
        }""";
    JsonNode max = perf(doc, vars("start", "2021-01-01", "end", "2025-12-31", "limit", 5, "jobLimit", 5,
        "jobId", null, "orderBy", "MAX")).path("longestExecutedModels");
    assertThat(max.get(0).path("uniqueId").asText()).isEqualTo("model.elementary.dbt_columns");
    assertThat(max.get(0).path("maxExecutionTime").asDouble()).isEqualTo(15.319193840026855);
    JsonNode avg = perf(doc, vars("start", "2021-01-01", "end", "2025-12-31", "limit", 5, "jobLimit", 5,
        "jobId", null, "orderBy", "AVG")).path("longestExecutedModels");
    assertThat(avg.get(0).path("uniqueId").asText()).isEqualTo("model.elementary.dbt_seeds");
  }

  @Test
  void mostExecutionFailedModels() {
    JsonNode failed = perf("""
        query Performance($environmentId: BigInt!, $start: Date!, $end: Date!, $limit: Int) {
          performance(environmentId: $environmentId) {
            mostExecutionFailedModels(start: $start, end: $end, limit: $limit) {
              uniqueId
              failurePercentage
              totalExecutions
              totalFailedExecutions
            }
          }
        }""", vars("start", "2021-01-01", "end", "2025-12-31", "limit", 5)).path("mostExecutionFailedModels");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("uniqueId").asText()).isEqualTo("model.jaffle_shop.test_insert_overwrite");
    assertThat(failed.get(0).path("failurePercentage").asDouble()).isEqualTo(100.0);
    assertThat(failed.get(0).path("totalFailedExecutions").asInt()).isEqualTo(1);
  }

  @Test
  void mostTestFailedModels() {
    JsonNode failed = perf("""
        query Performance($environmentId: BigInt!, $start: Date!, $end: Date!, $limit: Int) {
          performance(environmentId: $environmentId) {
            mostTestFailedModels(start: $start, end: $end, limit: $limit) {
              uniqueId
              failurePercentage
              totalRunsWithTests
              totalRunsWithTestFailures
            }
          }
        }""", vars("start", "2021-01-01", "end", "2025-12-31", "limit", 5)).path("mostTestFailedModels");
    // every test of these builds passed
    assertThat(failed.isArray()).isTrue();
    assertThat(failed).isEmpty();
  }

  @Test
  void jobInformation() {
    JsonNode jobs = perf("""
        query Performance($environmentId: BigInt!, $start: Date!, $end: Date!, $uniqueId: String!) {
          performance(environmentId: $environmentId) {
            jobInformation(start: $start, end: $end, uniqueId: $uniqueId) {
              jobId
              name
            }
          }
        }""", vars("start", "2021-01-01", "end", "2025-12-31", "uniqueId", "model.jaffle_shop.stg_customers"))
        .path("jobInformation");
    assertThat(Gql.texts(jobs, "/name")).containsExactlyInAnyOrder("run", "build");
  }

  @Test
  void mostQueriedResourcesAndResourceQueryHistoryAreEmpty() {
    JsonNode queried = perf("""
        query MostQueriedResources($end: Date!, $start: Date!, $environmentId: BigInt!, $limit: Int, $resourceType: [MostQueriedResourceType!]!) {
          performance(environmentId: $environmentId) {
            mostQueriedResources(end: $end, start: $start, limit: $limit, resourceType: $resourceType) {
              totalCount
              uniqueId
            }
          }
        }""", vars("start", "2021-01-01", "end", "2025-12-31", "limit", 5, "resourceType", List.of("model")));
    assertThat(queried.path("mostQueriedResources").isArray()).isTrue();
    assertThat(queried.path("mostQueriedResources")).isEmpty();
    JsonNode history = perf("""
        query ResourceQueryHistory($environmentId: BigInt!, $end: Date!, $uniqueId: String!, $start: Date!) {
          performance(environmentId: $environmentId) {
            resourceQueryHistory(end: $end, uniqueId: $uniqueId, start: $start) {
              date
              totalCount
            }
          }
        }""", vars("start", "2021-01-01", "end", "2025-12-31", "uniqueId", "model.jaffle_shop.orders"));
    assertThat(history.path("resourceQueryHistory")).isEmpty();
  }

  @Test
  void criticalPathOnTheJobAndOnPerformance() {
    long runId = lens.invocations("jaffle").stream()
        .filter(i -> i.invocationId().startsWith("cfbc1db9")).findFirst().orElseThrow().runId();
    long jobId = lens.invocations("jaffle").stream()
        .filter(i -> i.invocationId().startsWith("cfbc1db9")).findFirst().orElseThrow().jobId();
    JsonNode job = Gql.data(graphql, """
        query ($jobId: BigInt!, $runId: BigInt) {
          job(id: $jobId, runId: $runId) { criticalPath { pathSeconds path nodes { uniqueId slack critical } } }
        }""", Map.of("jobId", jobId, "runId", runId)).at("/job/criticalPath");
    assertThat(job.path("pathSeconds").asDouble()).isCloseTo(16.550824880599976,
        org.assertj.core.api.Assertions.within(1e-9));
    assertThat(Gql.texts(job.path("path"), "")).endsWith("model.jaffle_shop.daily_orders");
    JsonNode viaPerf = perf("""
        query ($environmentId: BigInt!, $runId: BigInt) {
          performance(environmentId: $environmentId) { criticalPath(runId: $runId) { path } }
        }""", vars("runId", String.valueOf(runId))).path("criticalPath");
    assertThat(viaPerf.path("path")).isEqualTo(job.path("path"));
  }

  @Test
  void extensionsTrendsAndTotals() {
    JsonNode p = perf("""
        query ($environmentId: BigInt!) {
          performance(environmentId: $environmentId) {
            dailyTotals(start: "2021-01-01", end: "2025-12-31") { date runs buildSeconds errors }
            jobTotals(start: "2021-01-01", end: "2025-12-31") { jobId name runs }
            executionTrends(baselineStart: "2021-01-01", baselineEnd: "2021-12-31",
                            currentStart: "2023-01-01", currentEnd: "2024-12-31", thresholdPercent: 0) {
              uniqueId growthPercent
            }
          }
        }""", vars());
    assertThat(p.path("dailyTotals")).hasSize(5);
    assertThat(p.at("/dailyTotals/2/errors").asInt()).isEqualTo(1);
    assertThat(p.path("jobTotals")).hasSize(2);
    assertThat(p.path("executionTrends").isArray()).isTrue();
  }

  @Test
  void unknownEnvironmentAndBadDateAreErrors() {
    GraphQLResult r = graphql.execute("{ performance(environmentId: 99) { environmentId } }", Map.of());
    assertThat(Gql.messages(r)).anyMatch(m -> m.contains("Environment 99 not found"));
    GraphQLResult bad = graphql.execute(
        "{ performance(environmentId: 1) { dailyTotals(start: \"2021-13-01\", end: \"2021-12-31\") { runs } } }",
        Map.of());
    assertThat(Gql.messages(bad)).anyMatch(m -> m.contains("YYYY-MM-DD"));
  }
}
