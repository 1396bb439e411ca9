package dev.dbtlens.internal.search;

import java.util.List;
import java.util.Locale;

/**
 * A model's modeling layer, as dbt's style guide names them: its folder ({@code staging}, {@code
 * intermediate}, {@code marts}) when one of the folders on its path is so named, else the prefix of
 * its name ({@code stg_}/{@code base_}, {@code int_}, {@code fct_}/{@code dim_}), else {@code other}.
 */
public final class ModelingLayers {
  /** The layers, in DAG order. */
  public static final List<String> ALL = List.of("staging", "intermediate", "marts", "other");

  private ModelingLayers() {}

  /**
   * @param name the model's name
   * @param path its path below the models folder (dbt's {@code path}), or null
   * @return its layer
   */
  public static String of(String name, String path) {
    if (path != null) {
      String[] parts = path.replace('\\', '/').toLowerCase(Locale.ROOT).split("/");
      for (int i = parts.length - 2; i >= 0; i--) {
        switch (parts[i]) {
          case "staging", "stage", "stg", "base" -> { return "staging"; }
          case "intermediate", "int" -> { return "intermediate"; }
          case "marts", "mart", "marts_core" -> { return "marts"; }
          default -> { }
        }
      }
    }
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (n.startsWith("stg_") || n.startsWith("base_")) {
      return "staging";
    }
    if (n.startsWith("int_")) {
      return "intermediate";
    }
    if (n.startsWith("fct_") || n.startsWith("dim_") || n.startsWith("fact_") || n.startsWith("mart_")) {
      return "marts";
    }
    return "other";
  }
}
