package dev.dbtlens.internal.dbt;

import java.util.Locale;

/** Result statuses in dbt-core's lower-case spelling (dbt Fusion writes {@code Pass}, {@code Success}). */
public final class Statuses {
  private Statuses() {}

  public static String normalize(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    return switch (s.replace("_", "").replace(" ", "").replace("-", "")) {
      case "runtimeerror", "runtimeerr" -> "runtime error";
      case "noop" -> "no-op";
      case "partialsuccess" -> "partial success";
      default -> s;
    };
  }
}
