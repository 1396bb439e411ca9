package dev.dbtlens.graphql.internal.job;

import dev.dbtlens.graphql.internal.node.MacroRow;
import dev.dbtlens.graphql.internal.scalars.JsonText;
import graphql.schema.DataFetcher;
import java.util.Map;
import java.util.function.Function;

/** The fields of the job-level {@code MacroNode}, over {@link JobItem#macro()}. */
final class JobMacroFields {
  private JobMacroFields() {}

  /** Adds the fetchers to the job-level node types' {@code f}: a macro's fields, else {@code f}'s own. */
  static void addTo(Map<String, DataFetcher<?>> f) {
    macro(f, "name", MacroRow::name);
    macro(f, "description", MacroRow::description);
    macro(f, "meta", MacroRow::meta);
    macro(f, "packageName", MacroRow::packageName);
    macro(f, "macroSql", MacroRow::macroSql);
    macro(f, "dependsOn", MacroRow::dependsOnMacros);
    macro(f, "originalFilePath", MacroRow::filePath);
    macro(f, "path", MacroRow::filePath);
    macro(f, "rootPath", m -> null);
  }

  private static void macro(Map<String, DataFetcher<?>> f, String field, Function<MacroRow, Object> read) {
    DataFetcher<?> other = f.get(field);
    f.put(field, env -> {
      MacroRow m = JobFields.item(env).macro();
      return m != null ? read.apply(m) : other == null ? null : other.get(env);
    });
  }
}
