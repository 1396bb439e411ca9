package dev.dbtlens;

import dev.dbtlens.internal.perf.PerformanceAnalysis;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * How an environment's builds perform over time: what dbt Explorer's performance pages show
 * (execution history, most executed, longest, most failing models, models whose tests fail most),
 * plus the critical path of a run, execution-time trends between two windows and build totals per
 * day and per job. Obtained from {@link DbtLens#performance(String)}; every call reads the database
 * afresh, so it sees later ingests.
 *
 * <p>Only <em>builds</em> count: the results of {@code dbt compile}, {@code dbt docs generate} and
 * {@code dbt show} ({@link RunResult#NON_BUILD_COMMANDS}) are left out. An <em>execution</em> is a
 * build result whose node ran (not {@code skipped} or {@code no-op}); a <em>failed</em> execution
 * has status {@code error}. Days are UTC dates of the run's start ({@code invocation_started_at},
 * else {@code generated_at} minus {@code elapsed_time}); {@code start} and {@code end} are both
 * included. Model rankings consider models only; "nothing found" is an empty list, never null.
 * See {@code docs/performance.md}.
 */
public final class Performance {
  /** Rankings return this many models when the caller gives no limit (as dbt Cloud's clients do). */
  public static final int DEFAULT_LIMIT = 5;

  private final PerformanceAnalysis analysis;

  Performance(PerformanceAnalysis analysis) {
    this.analysis = analysis;
  }

  /** @return the environment */
  public String environment() {
    return analysis.environment();
  }

  /**
   * @param uniqueId a node, usually a model
   * @param start first day
   * @param end last day
   * @return per day with executions of the node, oldest first: the mean and every execution
   *     time, and the same per job
   */
  public List<Day> modelExecutionHistory(String uniqueId, LocalDate start, LocalDate end) {
    return analysis.history(Objects.requireNonNull(uniqueId, "uniqueId"), start, end);
  }

  /**
   * @param start first day
   * @param end last day
   * @param limit at most this many models
   * @param jobLimit at most this many jobs per model (the busiest first)
   * @return the models executed most often, most first (ties by unique id)
   */
  public List<ExecutionCount> mostExecutedModels(LocalDate start, LocalDate end, int limit, int jobLimit) {
    return analysis.mostExecuted(start, end, limit, jobLimit);
  }

  /**
   * @param start first day
   * @param end last day
   * @param limit at most this many models
   * @param jobId only the executions of this job, or null for every job
   * @param orderBy rank by mean ({@link Aggregation#AVG}) or longest ({@link Aggregation#MAX})
   *     execution time
   * @param jobLimit at most this many jobs per model (the slowest first)
   * @return the slowest models, slowest first
   */
  public List<ExecutionTime> longestExecutedModels(LocalDate start, LocalDate end, int limit, Long jobId,
      Aggregation orderBy, int jobLimit) {
    return analysis.longest(start, end, limit, jobId, orderBy == null ? Aggregation.MAX : orderBy, jobLimit);
  }

  /**
   * @param start first day
   * @param end last day
   * @param limit at most this many models
   * @return the models with failed executions, by failure percentage, then failures, then id
   */
  public List<FailureRate> mostExecutionFailedModels(LocalDate start, LocalDate end, int limit) {
    return analysis.mostFailed(start, end, limit);
  }

  /**
   * A model's tests are those the latest manifest attaches to it ({@code attached_node}, else the
   * models the test depends on). A run <em>with tests</em> of a model executed at least one of
   * them; a run <em>with test failures</em> had one end in {@code fail} or {@code error}.
   *
   * @param start first day
   * @param end last day
   * @param limit at most this many models
   * @return the models with test failures, by percentage of runs with failures, then count, then id
   */
  public List<TestFailureRate> mostTestFailedModels(LocalDate start, LocalDate end, int limit) {
    return analysis.mostTestFailed(start, end, limit);
  }

  /**
   * @param start first day
   * @param end last day
   * @param uniqueId a node
   * @return the jobs that executed the node in those days, by job id
   */
  public List<Job> jobInformation(LocalDate start, LocalDate end, String uniqueId) {
    return analysis.jobs(start, end, Objects.requireNonNull(uniqueId, "uniqueId"));
  }

  /**
   * The critical path of a build run: the chain of dependent nodes whose execution times add up
   * to the longest time the run could not go below with unlimited threads, and the slack of every
   * other node (how much longer it could have taken without lengthening the run). Dependencies come
   * from the manifest in force at the run; in {@code dbt build}, a node also waits for the tests of
   * its parents (tests with one parent). Nodes the run did not execute weigh nothing.
   *
   * @param invocationId an invocation id, or a prefix of exactly one; null for the latest build run
   * @return the critical path
   * @throws InvocationNotFoundException if no build run, or several, match
   */
  public CriticalPath criticalPath(String invocationId) {
    return analysis.criticalPath(invocationId, null);
  }

  /**
   * @param runId a run's numeric id (as {@link Invocation#runId()})
   * @return the critical path of that run
   * @throws InvocationNotFoundException if the environment has no build run with that id
   */
  public CriticalPath criticalPath(long runId) {
    return analysis.criticalPath(null, runId);
  }

  /**
   * Models whose mean successful execution time grew by more than a threshold from a baseline
   * window to a current window.
   *
   * @param baseline the earlier window
   * @param current the later window
   * @param thresholdPercent growth above which a model is reported, e.g. 50 for +50%
   * @param minExecutions successful executions a model needs in each window to be compared
   * @return the models that slowed down, by growth, largest first
   */
  public List<Trend> trends(Window baseline, Window current, double thresholdPercent, int minExecutions) {
    return analysis.trends(Objects.requireNonNull(baseline, "baseline"), Objects.requireNonNull(current, "current"),
        thresholdPercent, Math.max(1, minExecutions));
  }

  /**
   * @param start first day
   * @param end last day
   * @return the project's build totals per day with build runs, oldest first
   */
  public List<DayTotals> dailyTotals(LocalDate start, LocalDate end) {
    return analysis.dailyTotals(start, end);
  }

  /**
   * @param start first day
   * @param end last day
   * @return the project's build totals per job over those days, by job id
   */
  public List<JobTotals> jobTotals(LocalDate start, LocalDate end) {
    return analysis.jobTotals(start, end);
  }

  /** How {@link #longestExecutedModels} ranks models: by mean or by longest execution time. */
  public enum Aggregation {
    /** the mean execution time */
    AVG,
    /** the longest execution time */
    MAX
  }

  /**
   * A span of whole UTC days, both included.
   *
   * @param start first day
   * @param end last day, not before {@code start}
   */
  public record Window(LocalDate start, LocalDate end) {
    /** @throws IllegalArgumentException if {@code end} is before {@code start} */
    public Window {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (end.isBefore(start)) {
        throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
      }
    }
  }

  /**
   * One day of a node's executions.
   *
   * @param date the UTC day
   * @param meanExecutionTime mean seconds
   * @param executionTimes every execution's seconds, in run order
   * @param executionsByJob the same per job, by job id
   */
  public record Day(LocalDate date, double meanExecutionTime, List<Double> executionTimes,
      List<JobExecutions> executionsByJob) {
    public Day {
      executionTimes = List.copyOf(executionTimes);
      executionsByJob = List.copyOf(executionsByJob);
    }
  }

  /**
   * One job's executions of a node on one day.
   *
   * @param jobId the job's numeric id
   * @param meanExecutionTime mean seconds
   * @param executionTimes every execution's seconds, in run order
   * @param executions the executions, in run order
   */
  public record JobExecutions(long jobId, double meanExecutionTime, List<Double> executionTimes,
      List<Execution> executions) {
    public JobExecutions {
      executionTimes = List.copyOf(executionTimes);
      executions = List.copyOf(executions);
    }
  }

  /**
   * One execution of a node.
   *
   * @param runId the run's numeric id
   * @param invocationId the run's invocation id
   * @param runStartedAt when the run started
   * @param executionTime seconds ({@code execution_time})
   * @param status dbt-core's lower-case status
   * @param isFullRefresh whether the run had {@code --full-refresh}
   * @param executionStartedAt when execution started ({@code timing} execute), or null
   * @param adapter the adapter type, or null when the artifacts do not say
   * @param queryId {@code adapter_response.query_id}, or null
   */
  public record Execution(long runId, String invocationId, java.time.Instant runStartedAt, double executionTime,
      String status, boolean isFullRefresh, java.time.Instant executionStartedAt, String adapter, String queryId) {}

  /**
   * @param uniqueId the model
   * @param totalExecutions executions in the window
   * @param byJob executions per job, most first
   */
  public record ExecutionCount(String uniqueId, long totalExecutions, List<JobCount> byJob) {
    public ExecutionCount {
      byJob = List.copyOf(byJob);
    }
  }

  /**
   * @param jobId the job's numeric id
   * @param totalExecutions executions by that job
   */
  public record JobCount(long jobId, long totalExecutions) {}

  /**
   * @param uniqueId the model
   * @param maxExecutionTime longest seconds
   * @param averageExecutionTime mean seconds
   * @param byJob the same per job, slowest first by the ranking's aggregation
   */
  public record ExecutionTime(String uniqueId, double maxExecutionTime, double averageExecutionTime,
      List<JobTime> byJob) {
    public ExecutionTime {
      byJob = List.copyOf(byJob);
    }
  }

  /**
   * @param jobId the job's numeric id
   * @param maxExecutionTime longest seconds in that job
   * @param averageExecutionTime mean seconds in that job
   */
  public record JobTime(long jobId, double maxExecutionTime, double averageExecutionTime) {}

  /**
   * @param uniqueId the model
   * @param failurePercentage failed executions in percent of executions (0 to 100)
   * @param totalExecutions executions
   * @param totalFailedExecutions executions with status {@code error}
   */
  public record FailureRate(String uniqueId, double failurePercentage, long totalExecutions,
      long totalFailedExecutions) {}

  /**
   * @param uniqueId the model
   * @param failurePercentage runs with test failures in percent of runs with tests (0 to 100)
   * @param totalRunsWithTests runs that executed at least one of the model's tests
   * @param totalRunsWithTestFailures runs where one of them failed
   */
  public record TestFailureRate(String uniqueId, double failurePercentage, long totalRunsWithTests,
      long totalRunsWithTestFailures) {}

  /**
   * @param jobId the job's numeric id
   * @param name its label (the {@code --job} given at ingest, else the dbt command)
   */
  public record Job(long jobId, String name) {}

  /**
   * The critical path of one run.
   *
   * @param invocationId the run
   * @param runId its numeric id
   * @param jobId its job's numeric id
   * @param runElapsedSeconds the run's wall time ({@code elapsed_time})
   * @param pathSeconds the sum of the execution times along the path: the shortest the run could be
   *     with unlimited threads
   * @param path the chain, first node first
   * @param nodes every node the run executed with its schedule and slack, by slack then start
   */
  public record CriticalPath(String invocationId, long runId, long jobId, Double runElapsedSeconds,
      double pathSeconds, List<String> path, List<PathNode> nodes) {
    public CriticalPath {
      path = List.copyOf(path);
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * A node of a run, scheduled as early as its dependencies allow.
   *
   * @param uniqueId the node
   * @param status its status in the run
   * @param executionTime its seconds
   * @param earliestStart seconds after the run's start at which its dependencies were done
   * @param earliestFinish {@code earliestStart + executionTime}
   * @param slack seconds it could have taken longer without lengthening the critical path (0 on it)
   * @param critical whether it is on the critical path
   */
  public record PathNode(String uniqueId, String status, double executionTime, double earliestStart,
      double earliestFinish, double slack, boolean critical) {}

  /**
   * A model that slowed down.
   *
   * @param uniqueId the model
   * @param baselineMean mean seconds of its successful executions in the baseline window
   * @param currentMean the same in the current window
   * @param growthPercent {@code (currentMean - baselineMean) / baselineMean * 100}
   * @param baselineExecutions successful executions in the baseline window
   * @param currentExecutions successful executions in the current window
   */
  public record Trend(String uniqueId, double baselineMean, double currentMean, double growthPercent,
      long baselineExecutions, long currentExecutions) {}

  /**
   * The project's builds on one day.
   *
   * @param date the UTC day
   * @param runs build runs started that day
   * @param buildSeconds the sum of their wall times
   * @param nodesExecuted node executions (not skipped)
   * @param modelsExecuted model executions
   * @param errors results with status {@code error}
   * @param testFailures test results with status {@code fail}
   * @param nodeSeconds the sum of the node executions' times
   */
  public record DayTotals(LocalDate date, long runs, double buildSeconds, long nodesExecuted, long modelsExecuted,
      long errors, long testFailures, double nodeSeconds) {}

  /**
   * One job's builds over a window.
   *
   * @param jobId the job's numeric id
   * @param name its label
   * @param runs build runs
   * @param buildSeconds the sum of their wall times
   * @param meanRunSeconds the mean wall time of a run
   * @param nodesExecuted node executions (not skipped)
   * @param errors results with status {@code error}
   * @param testFailures test results with status {@code fail}
   */
  public record JobTotals(long jobId, String name, long runs, double buildSeconds, double meanRunSeconds,
      long nodesExecuted, long errors, long testFailures) {}
}
