package dev.dbtlens.cli.freshness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.FreshnessReport;
import dev.dbtlens.IndirectSelection;
import dev.dbtlens.NodeId;
import dev.dbtlens.Selection;
import dev.dbtlens.cli.output.Ages;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens freshness}: sources, models and upstream freshness at a given time; a CI gate. */
@Command(
    name = "freshness",
    mixinStandardHelpOptions = true,
    description = {
        "Source freshness re-evaluated at a time (default now), each model's last attempt and last"
            + " success with its meta.freshness SLA, and the oldest upstream data of every model and"
            + " exposure (see docs/freshness.md).",
        "As a CI gate, like 'dbt source freshness': exits 1 when a selected source is 'error' at that"
            + " time or its latest check was a 'runtime error' (with --fail-on warn, also when it is"
            + " 'warn'); the failing sources are named on stderr. Table ages read 2d 3h; JSON ages are"
            + " seconds."})
public final class FreshnessCommand implements Callable<Integer> {
  enum Format { TABLE, JSON }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin VerboseOption verbose;

  @Option(names = "--at", paramLabel = "TIME",
      description = "Evaluate at this time: a date (2026-01-05, midnight UTC), a UTC time"
          + " (2026-01-05T12:00:00Z, 2026-01-05T12:00) or one with an offset (2026-01-05T14:00+02:00)."
          + " Default: now.")
  String at;

  @Option(names = {"-s", "--select"}, arity = "1..*", paramLabel = "EXPR",
      description = "Only the selected nodes, in dbt's selection syntax as 'dbt source freshness"
          + " --select' takes it (source:stripe, source:stripe.payments, tag:finance, +exposure:kpis)."
          + " Filters every list and the exit code; needs a manifest.")
  List<String> select = new ArrayList<>();

  @Option(names = "--exclude", arity = "1..*", paramLabel = "EXPR",
      description = "Nodes removed from the selection.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "Exit 1 when a selected source is at this level or worse: error (also a"
          + " runtime error), warn (as dbt's --warn-error) or never. Default: ${DEFAULT-VALUE}.")
  FreshnessGate.Level failOn;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one report object, ages in seconds). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    Instant when = at == null ? Instant.now() : Times.parse(at, this::badTime);
    PrintWriter out = spec.commandLine().getOut();
    FreshnessReport report;
    try (DbtLens lens = db.open()) {
      report = selected(lens, lens.freshness(db.environment, when));
    }
    if (format == Format.JSON) {
      out.println(new ObjectMapper().writeValueAsString(FreshnessJson.of(report)));
    } else {
      table(out, report);
    }
    out.flush();
    List<String> failing = FreshnessGate.failing(report.sources(), failOn);
    if (failing.isEmpty()) {
      return ExitCode.OK;
    }
    spec.commandLine().getErr().println("error: " + failing.size()
        + (failing.size() == 1 ? " source fails" : " sources fail") + " freshness at " + report.at() + ": "
        + String.join(", ", failing));
    return ExitCode.FAILURE;
  }

  private ParameterException badTime(String text) {
    return new ParameterException(spec.commandLine(), "--at: not a date or time: " + text
        + " (use 2026-01-05, 2026-01-05T12:00:00Z or 2026-01-05T14:00+02:00)");
  }

  /** The report restricted to the nodes {@code --select}/{@code --exclude} choose, if given. */
  private FreshnessReport selected(DbtLens lens, FreshnessReport report) {
    if (select.isEmpty() && exclude.isEmpty()) {
      return report;
    }
    Selection selection = new Selection(select, exclude, null, null, Set.of(), IndirectSelection.EMPTY, null);
    Set<NodeId> chosen = new HashSet<>(lens.lineage(db.environment).select(selection));
    return new FreshnessReport(report.environment(), report.at(),
        report.sources().stream().filter(s -> chosen.contains(s.uniqueId())).toList(),
        report.models().stream().filter(m -> chosen.contains(m.uniqueId())).toList(),
        report.upstream().stream().filter(u -> chosen.contains(u.uniqueId())).toList());
  }

  private static void table(PrintWriter out, FreshnessReport report) {
    ResultPrinter table = new ResultPrinter(out, ResultPrinter.Format.TABLE);
    out.println("Sources at " + report.at() + ":");
    table.print(List.of("source", "last_check", "max_loaded_at", "age", "status_now"),
        report.sources().stream().map(s -> cells(s.uniqueId(), s.lastStatus(), s.maxLoadedAt(),
            Ages.human(s.ageSeconds()), s.status())).toList(), true);
    out.println();
    out.println("Models (last attempt vs last success):");
    table.print(List.of("node", "last_status", "last_attempt_at", "last_success_at", "age", "sla"),
        report.models().stream().map(m -> cells(m.uniqueId(),
            m.lastAttempt() == null ? null : m.lastAttempt().status(),
            m.lastAttempt() == null ? null : m.lastAttempt().generatedAt(),
            m.lastSuccess() == null ? null : m.lastSuccess().completedAt(),
            Ages.human(m.ageSeconds()), m.slaStatus())).toList(), true);
    out.println();
    out.println("Oldest upstream data of exposures:");
    table.print(List.of("exposure", "oldest", "blame", "age"),
        report.upstream().stream().filter(u -> u.resourceType().equals("exposure"))
            .map(u -> cells(u.uniqueId(), u.oldest(), u.blame(), Ages.human(u.ageSeconds()))).toList(), true);
  }

  /** Table cells: instants and ids as text. */
  private static List<Object> cells(Object... values) {
    List<Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(v instanceof Instant || v instanceof NodeId ? v.toString() : v);
    }
    return out;
  }
}
