package dev.dbtlens.testdata.internal.project;

import java.util.List;

/** A macro with its SQL and the macros it calls. */
public record Macro(String packageName, String name, String path, String sql, List<String> dependsOn, String description) {
    public String uniqueId() {
        return "macro." + packageName + "." + name;
    }
}
