package dev.dbtlens.graphql;

import java.sql.SQLException;
import java.util.List;

/** A macro of the latest manifest: the source of {@code MacroDefinitionNode}. */
record MacroRow(String environmentId, String uniqueId, String name, String packageName,
    String filePath, String description, JsonText meta, String macroSql,
    List<String> dependsOnMacros, JsonText arguments) {

  MacroRow {
    dependsOnMacros = List.copyOf(dependsOnMacros);
  }

  NodeKey key() {
    return new NodeKey(environmentId, uniqueId);
  }

  public String resourceType() {
    return "macro";
  }

  static MacroRow read(Row r) throws SQLException {
    return new MacroRow(r.str("environment"), r.str("unique_id"), r.str("name"),
        r.str("package_name"), r.str("original_file_path"), r.str("description"), r.json("meta"),
        r.str("macro_sql"), r.strings("depends_on_macros"), r.json("arguments"));
  }
}
