package dev.dbtlens.testdata;

import java.util.List;

/** A macro with its SQL and the macros it calls. */
record Macro(String packageName, String name, String path, String sql, List<String> dependsOn, String description) {
    String uniqueId() {
        return "macro." + packageName + "." + name;
    }
}
