package dev.dbtlens.cli.perf;

import dev.dbtlens.DbtLens;
import dev.dbtlens.Performance;
import dev.dbtlens.Performance.Aggregation;
import dev.dbtlens.Performance.Window;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens perf}: build performance over the stored history, one mode per subcommand. */
@Command(
    name = "perf",
    mixinStandardHelpOptions = true,
    description = {
        "Build performance over every stored build (compiles and docs generate are not builds):"
            + " the slowest, most executed and most failing models, models whose tests fail most,"
            + " execution-time trends, the critical path of a run, and totals per day or job"
            + " (see docs/performance.md). Days are UTC dates of the runs' starts."},
    subcommands = {
        PerfCommand.Slowest.class, PerfCommand.MostExecuted.class, PerfCommand.Failing.class,
        PerfCommand.Trends.class, PerfCommand.CriticalPath.class, PerfCommand.Totals.class})
public final class PerfCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "name a mode: slowest, most-executed, failing, trends, critical-path or totals");
  }

  /** Opens the database, asks core and prints the rows as a table or the records as JSON. */
  abstract static class Mode implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ReadOptions db;
    @Mixin PerfOptions options;
    @Mixin VerboseOption verbose;

    @Override
    public final Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (DbtLens lens = db.open()) {
        run(lens.performance(db.environment), out);
      }
      out.flush();
      return ExitCode.OK;
    }

    abstract void run(Performance perf, PrintWriter out) throws Exception;

    <T> void print(PrintWriter out, List<T> records, List<String> columns, Function<T, List<Object>> row)
        throws Exception {
      if (options.format == PerfOptions.Format.JSON) {
        out.println(PerfJson.write(records));
        return;
      }
      new ResultPrinter(out, ResultPrinter.Format.TABLE).print(columns, records.stream().map(row).toList(), true);
    }
  }

  @Command(name = "slowest", mixinStandardHelpOptions = true,
      description = "The models with the longest executions, by longest (--by max) or mean (--by avg).")
  static final class Slowest extends Mode {
    @Option(names = "--by", paramLabel = "AGG", defaultValue = "max",
        description = "max or avg. Default: ${DEFAULT-VALUE}.")
    String by;

    @Option(names = "--job-id", paramLabel = "N", description = "Only this job's executions.")
    Long jobId;

    @Override
    void run(Performance perf, PrintWriter out) throws Exception {
      Aggregation order = switch (by.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "max" -> Aggregation.MAX;
        case "avg", "mean" -> Aggregation.AVG;
        default -> throw new ParameterException(spec.commandLine(), "--by must be max or avg, got '" + by + "'");
      };
      print(out, perf.longestExecutedModels(options.start(), options.end(), options.limit(), jobId, order, 5),
          List.of("model", "max_seconds", "avg_seconds", "jobs"),
          t -> List.of(t.uniqueId(), t.maxExecutionTime(), t.averageExecutionTime(), (long) t.byJob().size()));
    }
  }

  @Command(name = "most-executed", mixinStandardHelpOptions = true,
      description = "The models executed most often.")
  static final class MostExecuted extends Mode {
    @Override
    void run(Performance perf, PrintWriter out) throws Exception {
      print(out, perf.mostExecutedModels(options.start(), options.end(), options.limit(), 5),
          List.of("model", "executions", "jobs"),
          c -> List.of(c.uniqueId(), c.totalExecutions(), (long) c.byJob().size()));
    }
  }

  @Command(name = "failing", mixinStandardHelpOptions = true,
      description = "The models whose executions errored most, in percent of their executions;"
          + " with --tests, the models whose tests failed in most runs.")
  static final class Failing extends Mode {
    @Option(names = "--tests", description = "Rank models by their tests' failures instead.")
    boolean tests;

    @Override
    void run(Performance perf, PrintWriter out) throws Exception {
      if (tests) {
        print(out, perf.mostTestFailedModels(options.start(), options.end(), options.limit()),
            List.of("model", "failure_percent", "runs_with_tests", "runs_with_failures"),
            t -> List.of(t.uniqueId(), t.failurePercentage(), t.totalRunsWithTests(), t.totalRunsWithTestFailures()));
        return;
      }
      print(out, perf.mostExecutionFailedModels(options.start(), options.end(), options.limit()),
          List.of("model", "failure_percent", "executions", "failed"),
          f -> List.of(f.uniqueId(), f.failurePercentage(), f.totalExecutions(), f.totalFailedExecutions()));
    }
  }

  @Command(name = "trends", mixinStandardHelpOptions = true,
      description = "Models whose mean successful execution time grew by more than --threshold percent"
          + " from the baseline window to the current one.")
  static final class Trends extends Mode {
    @Option(names = "--baseline", required = true, paramLabel = "FROM..TO",
        description = "The earlier window, e.g. 2026-01-01..2026-01-31.")
    String baseline;

    @Option(names = "--current", required = true, paramLabel = "FROM..TO",
        description = "The later window, e.g. 2026-02-01..2026-02-28.")
    String current;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "50",
        description = "Growth above which a model is listed. Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Option(names = "--min-executions", paramLabel = "N", defaultValue = "1",
        description = "Successful executions a model needs in each window. Default: ${DEFAULT-VALUE}.")
    int minExecutions;

    @Override
    void run(Performance perf, PrintWriter out) throws Exception {
      List<Performance.Trend> found = perf.trends(window("--baseline", baseline), window("--current", current),
          threshold, minExecutions);
      print(out, found.subList(0, Math.min(found.size(), options.limit())),
          List.of("model", "baseline_seconds", "current_seconds", "growth_percent", "baseline_n", "current_n"),
          t -> List.of(t.uniqueId(), t.baselineMean(), t.currentMean(), t.growthPercent(), t.baselineExecutions(),
              t.currentExecutions()));
    }

    private Window window(String option, String text) {
      String[] parts = text.split("\\.\\.", -1);
      if (parts.length != 2) {
        throw new ParameterException(spec.commandLine(), option + ": not a window: '" + text
            + "' (use FROM..TO, e.g. 2026-01-01..2026-01-31)");
      }
      LocalDate from = options.date(option, parts[0]);
      LocalDate to = options.date(option, parts[1]);
      if (to.isBefore(from)) {
        throw new ParameterException(spec.commandLine(), option + ": " + to + " is before " + from);
      }
      return new Window(from, to);
    }
  }

  @Command(name = "critical-path", mixinStandardHelpOptions = true,
      description = "The critical path of a build run: the chain of dependent nodes whose execution times"
          + " bound the run's wall time, and the slack of every other node.")
  static final class CriticalPath extends Mode {
    @Parameters(arity = "0..1", paramLabel = "RUN",
        description = "An invocation id, a unique prefix of one, or a numeric run id. Default: the latest build run.")
    String run;

    @Option(names = "--all", description = "List every executed node with its slack, not only the path.")
    boolean all;

    @Override
    void run(Performance perf, PrintWriter out) throws Exception {
      Performance.CriticalPath cp = run != null && run.matches("\\d{1,18}") && !run.contains("-")
          ? runId(perf, Long.parseLong(run)) : perf.criticalPath(run);
      if (options.format == PerfOptions.Format.JSON) {
        out.println(PerfJson.write(cp));
        return;
      }
      out.println("Run " + cp.invocationId() + " (run id " + cp.runId() + "): critical path "
          + seconds(cp.pathSeconds()) + " of " + (cp.runElapsedSeconds() == null ? "?" : seconds(cp.runElapsedSeconds()))
          + " wall time, " + cp.path().size() + " nodes");
      List<Performance.PathNode> rows = new ArrayList<>(all ? cp.nodes()
          : cp.nodes().stream().filter(Performance.PathNode::critical).toList());
      if (!all) {
        rows.sort(java.util.Comparator.comparingDouble(Performance.PathNode::earliestStart));
      }
      new ResultPrinter(out, ResultPrinter.Format.TABLE).print(
          List.of("node", "status", "seconds", "starts_at", "finishes_at", "slack", "critical"),
          rows.stream().map(n -> List.<Object>of(n.uniqueId(), String.valueOf(n.status()), n.executionTime(),
              n.earliestStart(), n.earliestFinish(), n.slack(), n.critical())).toList(), true);
    }

    /** A number is a run id, unless no run has it and it prefixes an invocation id. */
    private static Performance.CriticalPath runId(Performance perf, long id) {
      try {
        return perf.criticalPath(id);
      } catch (dev.dbtlens.InvocationNotFoundException e) {
        return perf.criticalPath(String.valueOf(id));
      }
    }

    private static String seconds(double s) {
      return String.format(java.util.Locale.ROOT, "%.1f s", s);
    }
  }

  @Command(name = "totals", mixinStandardHelpOptions = true,
      description = "The project's build totals per day (--by day) or per job (--by job).")
  static final class Totals extends Mode {
    @Option(names = "--by", paramLabel = "KEY", defaultValue = "day",
        description = "day or job. Default: ${DEFAULT-VALUE}.")
    String by;

    @Override
    void run(Performance perf, PrintWriter out) throws Exception {
      if ("job".equals(by)) {
        print(out, perf.jobTotals(options.start(), options.end()),
            List.of("job_id", "job", "runs", "build_seconds", "mean_run_seconds", "nodes", "errors", "test_failures"),
            j -> List.of(j.jobId(), String.valueOf(j.name()), j.runs(), j.buildSeconds(), j.meanRunSeconds(),
                j.nodesExecuted(), j.errors(), j.testFailures()));
        return;
      }
      if (!"day".equals(by)) {
        throw new ParameterException(spec.commandLine(), "--by must be day or job, got '" + by + "'");
      }
      print(out, perf.dailyTotals(options.start(), options.end()),
          List.of("date", "runs", "build_seconds", "nodes", "models", "errors", "test_failures", "node_seconds"),
          d -> List.of(d.date().toString(), d.runs(), d.buildSeconds(), d.nodesExecuted(), d.modelsExecuted(),
              d.errors(), d.testFailures(), d.nodeSeconds()));
    }
  }
}
