package dev.dbtlens.cli.freshness;

import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.FreshnessReport;
import dev.dbtlens.ModelFreshness;
import dev.dbtlens.SourceFreshness;
import dev.dbtlens.UpstreamFreshness;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens freshness}: sources, models and upstream freshness at a given time. */
@Command(
    name = "freshness",
    mixinStandardHelpOptions = true,
    description = {
        "Source freshness re-evaluated at a time (default now), each model's last attempt and last"
            + " success with its meta.freshness SLA, and the oldest upstream data of every model and"
            + " exposure (see docs/freshness.md)."})
public final class FreshnessCommand implements Callable<Integer> {
  enum Format { TABLE, JSON }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin VerboseOption verbose;

  @Option(names = "--at", paramLabel = "TIMESTAMP",
      description = "Evaluate at this UTC time (2026-01-05T12:00:00Z or 2026-01-05T12:00:00). Default: now.")
  String at;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one report object). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    Instant when = at == null ? Instant.now() : parse(at);
    PrintWriter out = spec.commandLine().getOut();
    try (DbtLens lens = db.open()) {
      FreshnessReport report = lens.freshness(db.environment, when);
      if (format == Format.JSON) {
        out.println(new ObjectMapper().writeValueAsString(json(report)));
        return ExitCode.OK;
      }
      ResultPrinter table = new ResultPrinter(out, ResultPrinter.Format.TABLE);
      out.println("Sources at " + report.at() + ":");
      table.print(List.of("source", "last_check", "max_loaded_at", "age_s", "status_now"),
          report.sources().stream().map(FreshnessCommand::row).toList(), true);
      out.println();
      out.println("Models (last attempt vs last success):");
      table.print(List.of("node", "last_status", "last_attempt_at", "last_success_at", "age_s", "sla"),
          report.models().stream().map(FreshnessCommand::row).toList(), true);
      out.println();
      out.println("Oldest upstream data of exposures:");
      table.print(List.of("exposure", "oldest", "blame", "age_s"),
          report.upstream().stream().filter(u -> u.resourceType().equals("exposure")).map(FreshnessCommand::row).toList(), true);
    }
    return ExitCode.OK;
  }

  private Instant parse(String text) {
    try {
      return text.endsWith("Z") || text.contains("+") ? Instant.parse(text)
          : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--at: not a timestamp: " + text);
    }
  }

  private static List<Object> row(SourceFreshness s) {
    return cells(s.uniqueId().value(), s.lastStatus(), s.maxLoadedAt(), rounded(s.ageSeconds()), s.status());
  }

  private static List<Object> row(ModelFreshness m) {
    return cells(m.uniqueId().value(), m.lastAttempt() == null ? null : m.lastAttempt().status(),
        m.lastAttempt() == null ? null : m.lastAttempt().generatedAt(),
        m.lastSuccess() == null ? null : m.lastSuccess().completedAt(), rounded(m.ageSeconds()), m.slaStatus());
  }

  private static List<Object> row(UpstreamFreshness u) {
    return cells(u.uniqueId().value(), u.oldest(), u.blame() == null ? null : u.blame().value(), rounded(u.ageSeconds()));
  }

  private static List<Object> cells(Object... values) {
    List<Object> out = new ArrayList<>(Arrays.asList(values));
    out.replaceAll(v -> v instanceof Instant i ? i.toString() : v);
    return out;
  }

  private static Long rounded(Double seconds) {
    return seconds == null ? null : Math.round(seconds);
  }

  private static Map<String, Object> json(FreshnessReport r) {
    ObjectMapper m = new ObjectMapper();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("environment", r.environment());
    out.put("at", r.at().toString());
    out.put("sources", r.sources().stream().map(s -> m.convertValue(asMap(s), Map.class)).toList());
    out.put("models", r.models().stream().map(s -> m.convertValue(asMap(s), Map.class)).toList());
    out.put("upstream", r.upstream().stream().map(s -> m.convertValue(asMap(s), Map.class)).toList());
    return out;
  }

  /** A record's components by name, Instants and ids as text (no Java-time module needed). */
  private static Map<String, Object> asMap(Record rec) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (var c : rec.getClass().getRecordComponents()) {
      try {
        Object v = c.getAccessor().invoke(rec);
        out.put(snake(c.getName()), plain(v));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof Instant || v instanceof dev.dbtlens.NodeId) {
      return v.toString();
    }
    if (v instanceof Record nested) {
      return asMap(nested);
    }
    return v;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
