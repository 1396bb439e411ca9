package dev.dbtlens.cli.freshness;

import dev.dbtlens.SourceFreshness;
import java.util.ArrayList;
import java.util.List;

/** Which sources fail {@code freshness} as a CI gate, as {@code dbt source freshness} decides. */
final class FreshnessGate {
  /** The least severe status that fails. */
  enum Level { ERROR, WARN, NEVER }

  private FreshnessGate() {}

  /**
   * @return {@code unique_id (status)} of each source that is {@code error} at the evaluation time,
   *     or whose latest check was a {@code runtime error} (dbt exits 1 on both), and with {@link
   *     Level#WARN} also {@code warn}; sorted as the report is
   */
  static List<String> failing(List<SourceFreshness> sources, Level level) {
    List<String> out = new ArrayList<>();
    if (level == Level.NEVER) {
      return out;
    }
    for (SourceFreshness s : sources) {
      String why = "runtime error".equals(s.lastStatus()) && "unknown".equals(s.status()) ? s.lastStatus() : s.status();
      if (why.equals("error") || why.equals("runtime error") || (level == Level.WARN && why.equals("warn"))) {
        out.add(s.uniqueId() + " (" + why + ")");
      }
    }
    return out;
  }
}
