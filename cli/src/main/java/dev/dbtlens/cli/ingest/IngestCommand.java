package dev.dbtlens.cli.ingest;

import dev.dbtlens.cli.output.IngestPrinter;
import dev.dbtlens.cli.output.Plural;
import dev.dbtlens.cli.support.AlertOptions;
import dev.dbtlens.cli.support.DuckDbOptions;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.Interruption;
import dev.dbtlens.cli.support.ProgressBar;
import dev.dbtlens.cli.support.StatusLine;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.cli.support.WaitOption;
import dev.dbtlens.ArtifactOutcome;
import dev.dbtlens.DbtLens;
import dev.dbtlens.IngestConflictException;
import dev.dbtlens.IngestOptions;
import dev.dbtlens.IngestReport;
import dev.dbtlens.Invocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbtlens ingest}: adds artifact files to a database, all in one transaction. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
        "Adds dbt artifacts to the database, in one transaction: on any error nothing is written.",
        "Folders (such as a dbt target/) are searched recursively for manifest*.json,"
            + " run_results*.json, sources*.json, catalog*.json and semantic_manifest*.json, each also"
            + " gzip-compressed (.json.gz), and for dbt's JSON logs (dbt.log, *.log, *.jsonl), read after"
            + " the artifacts commit (docs/live.md)."
            + " Files already in the environment are skipped; a different file for an invocation the"
            + " environment holds is a conflict (see --allow-conflicts).",
        "Without a terminal, progress is a line per file on stderr ('file 3 of 12: PATH (SIZE)'),"
            + " then, once the artifacts have committed, a line per step derived from them that a long"
            + " ingest reaches ('deriving column lineage at 70.2 s (the artifacts are committed)')."
            + " Ctrl-C rolls the ingest back: nothing is written, and the files DuckDB made for it"
            + " (FILE.wal, FILE.tmp/) are removed."})
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE",
      description = "The database file; created if absent.")
  Path db;

  @Option(names = "--env", paramLabel = "NAME", defaultValue = IngestOptions.DEFAULT_ENVIRONMENT,
      description = "The environment (a named series of invocations, e.g. prod) to add to."
          + " Default: ${DEFAULT-VALUE}.")
  String environment;

  @Option(names = "--job", paramLabel = "LABEL",
      description = "A label for the job that produced the artifacts. Default: the dbt command.")
  String job;

  @Option(names = "--env-id", paramLabel = "N",
      description = "The environment's numeric id (as Discovery API clients know it)."
          + " Default: DBT_CLOUD_ENVIRONMENT_ID, or the artifacts' metadata.env, or the next free id.")
  Long environmentId;

  @Option(names = "--job-id", paramLabel = "N",
      description = "The job id of the invocations this ingest adds. Default: DBT_CLOUD_JOB_ID or"
          + " DBT_JOB_ID, or the artifacts' metadata.env, or one id per job label.")
  Long jobId;

  @Option(names = "--run-id", paramLabel = "N",
      description = "The run id of the one invocation this ingest adds. Default: DBT_CLOUD_RUN_ID,"
          + " DBT_JOB_RUN_ID or GITHUB_RUN_ID, or the artifacts' metadata.env, or the next free id.")
  Long runId;

  @Option(names = "--allow-conflicts",
      description = "Skip files that conflict with the environment (a different file for an invocation it"
          + " already holds) and add the rest, exit 0. Without it a conflict fails the ingest: nothing is"
          + " written, exit 1.")
  boolean allowConflicts;

  @Option(names = "--no-derive",
      description = "Return once the artifacts are committed, without deriving column lineage,"
          + " recommendations and alerts from them (the longest part of a large first ingest). Run"
          + " 'dbtlens derive' (or any later ingest without this option) to catch up.")
  boolean noDerive;

  @Mixin DuckDbOptions duckdb;

  @Mixin AlertOptions alerts;

  @Mixin WaitOption wait;

  @Mixin VerboseOption verbose;

  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "Artifact files (.json, or .json.gz), dbt JSON log files, or folders holding them.")
  List<Path> paths;

  private final StatusLine status;
  private String ids;

  public IngestCommand(StatusLine status) {
    this.status = status;
  }

  @Override
  public Integer call() throws IOException {
    if (environment.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--env must not be blank");
    }
    if (noDerive && alerts.wanted()) {
      throw new ParameterException(spec.commandLine(), "--alerts and --webhook need the alerts that"
          + " --no-derive skips: drop one, or run 'dbtlens derive --alerts' afterwards");
    }
    duckdb.apply();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new ParameterException(spec.commandLine(), "no such file or folder: " + path);
      }
    }
    boolean existed = Files.exists(db);
    long start = System.nanoTime();
    IngestReport report;
    try (Interruption interruption = Interruption.watch(db, status)) {
      try {
        report = ingest(interruption);
      } catch (IngestConflictException e) {
        if (!existed) {
          deleteDatabase();
        }
        return conflicts(e);
      } catch (RuntimeException e) {
        if (!existed) {
          deleteDatabase(); // a failed ingest into a new file leaves no file behind
        }
        if (interruption.interrupted()) {
          return ExitCode.INTERRUPTED; // the handler says what happened once the database is closed
        }
        throw e;
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    new IngestPrinter(spec.commandLine().getOut(), Path.of("")).print(report, took);
    if (ids != null) {
      spec.commandLine().getOut().println(ids);
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }

  private IngestReport ingest(Interruption interruption) {
    try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.open(db), status::println);
        ProgressBar progress = new ProgressBar(status)) {
      IngestReport report = lens.ingest(new IngestOptions(environment, job, progress)
          .withConflictsAllowed(allowConflicts).withIds(environmentId, jobId, runId)
          .withDerive(!noDerive), paths);
      interruption.written();
      ids = describeIds(lens, report);
      if (!report.logs().files().isEmpty()) {
        ids = (ids == null ? "" : ids + "\n") + "Logs: " + Plural.of(report.logs().files().size(), "file")
            + ", " + Plural.of(report.logs().events(), "event") + ", "
            + Plural.of(report.logs().nodeEvents(), "node event") + " of "
            + Plural.of(report.logs().invocations().size(), "invocation");
      }
      alerts.handle(lens, report.alerts(), spec.commandLine().getOut(), status);
      return report;
    }
  }

  /** @return the ids of the environment and of the invocations the ingest added, or null */
  private String describeIds(DbtLens lens, IngestReport report) {
    Set<String> added = report.artifacts().stream().filter(ArtifactOutcome::added)
        .map(ArtifactOutcome::invocationId).collect(Collectors.toSet());
    List<Invocation> runs = lens.invocations(environment).stream()
        .filter(i -> added.contains(i.invocationId())).toList();
    if (runs.isEmpty()) {
      return null;
    }
    return "Ids: environment " + runs.get(0).environmentId() + "; " + runs.stream()
        .map(i -> "run " + i.runId() + " (job " + i.jobId() + ")")
        .collect(Collectors.joining(", "));
  }

  /** One line per conflicting file, then what to do about them. */
  private int conflicts(IngestConflictException e) {
    PrintWriter err = spec.commandLine().getErr();
    for (ArtifactOutcome conflict : e.conflicts()) {
      status.println("error: conflict: " + conflict.warning());
    }
    status.println("Nothing was written to " + db + ": " + Plural.of(e.conflicts().size(), "file")
        + (e.conflicts().size() == 1 ? " conflicts" : " conflict") + " with what environment '" + environment + "' holds. Ingest them into another --env,"
        + " or pass --allow-conflicts to skip them and add the rest.");
    err.flush();
    return ExitCode.FAILURE;
  }

  private void deleteDatabase() throws IOException {
    Files.deleteIfExists(db);
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
  }
}
