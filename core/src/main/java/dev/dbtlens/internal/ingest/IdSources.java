package dev.dbtlens.internal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.internal.dbt.Json;
import dev.dbtlens.internal.store.Ids;
import dev.dbtlens.internal.store.Ids.Id;
import dev.dbtlens.internal.store.Ids.InvocationIds;
import dev.dbtlens.internal.store.Ids.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an ingest's ids come from, strongest first: the options, the variables dbt Cloud or CI set
 * in the process environment, the same names in the artifacts' {@code metadata.env} (dbt copies
 * {@code DBT_ENV_CUSTOM_ENV_*} variables there, without the prefix).
 */
final class IdSources {
  static final List<String> ENVIRONMENT = List.of("DBT_CLOUD_ENVIRONMENT_ID");
  static final List<String> JOB = List.of("DBT_CLOUD_JOB_ID", "DBT_JOB_ID");
  static final List<String> RUN = List.of("DBT_CLOUD_RUN_ID", "DBT_JOB_RUN_ID", "GITHUB_RUN_ID");
  static final List<String> ACCOUNT = List.of("DBT_CLOUD_ACCOUNT_ID");
  private static final String CUSTOM_PREFIX = "DBT_ENV_CUSTOM_ENV_";

  private final Map<String, String> processEnv;
  private final Map<String, InvocationIds> perInvocation = new LinkedHashMap<>();
  private Id artifactEnvironment;
  private Id artifactAccount;

  /** @param processEnv the process environment ({@link System#getenv()}) */
  IdSources(Map<String, String> processEnv) {
    this.processEnv = processEnv;
  }

  /** Notes the ids an added artifact's {@code metadata.env} names for its invocation. */
  void artifact(String invocationId, JsonNode metadata, List<String> warnings) {
    JsonNode env = metadata == null ? null : metadata.get("env");
    if (env == null || !env.isObject()) {
      return;
    }
    Map<String, String> vars = new LinkedHashMap<>();
    env.properties().forEach(e -> vars.put(e.getKey(), Json.scalar(e.getValue())));
    Id environment = id(vars, ENVIRONMENT, Source.ARTIFACT_ENV, warnings);
    if (artifactEnvironment == null) {
      artifactEnvironment = environment;
    }
    if (artifactAccount == null) {
      artifactAccount = id(vars, ACCOUNT, Source.ARTIFACT_ENV, warnings);
    }
    Id job = id(vars, JOB, Source.ARTIFACT_ENV, warnings);
    Id run = id(vars, RUN, Source.ARTIFACT_ENV, warnings);
    if (job != null || run != null) {
      perInvocation.merge(invocationId, new InvocationIds(job, run),
          (a, b) -> new InvocationIds(a.job() != null ? a.job() : b.job(),
              a.run() != null ? a.run() : b.run()));
    }
  }

  /** @return what to ask the store for */
  Ids.Requested requested(IngestOptions options, List<String> warnings) {
    Id environment = option(options.environmentId());
    if (environment == null) {
      environment = id(processEnv, ENVIRONMENT, Source.PROCESS_ENV, warnings);
    }
    if (environment == null) {
      environment = artifactEnvironment;
    }
    Id job = option(options.jobId());
    if (job == null) {
      job = id(processEnv, JOB, Source.PROCESS_ENV, warnings);
    }
    Id run = option(options.runId());
    if (run == null) {
      run = id(processEnv, RUN, Source.PROCESS_ENV, warnings);
    }
    return new Ids.Requested(environment, job, run, perInvocation);
  }

  /** @return the dbt Cloud account id the process environment, else the artifacts, name; or null */
  Id account(List<String> warnings) {
    Id account = id(processEnv, ACCOUNT, Source.PROCESS_ENV, warnings);
    return account != null ? account : artifactAccount;
  }

  private static Id option(Long value) {
    return value == null ? null : new Id(value, Source.OPTION);
  }

  /** The first of the names set to a positive number, bare or with dbt's custom-env prefix. */
  private static Id id(Map<String, String> vars, List<String> names, Source source,
      List<String> warnings) {
    for (String name : names) {
      for (String key : List.of(name, CUSTOM_PREFIX + name)) {
        String text = vars.get(key);
        if (text == null || text.isBlank()) {
          continue;
        }
        try {
          long value = Long.parseLong(text.strip());
          if (value > 0) {
            return new Id(value, source);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        warnings.add(key + "=" + text + " in " + (source == Source.PROCESS_ENV
            ? "the process environment" : "the artifacts' metadata.env")
            + " is not a positive number: ignored");
      }
    }
    return null;
  }
}
