package dev.dbtlens.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Structural checks a dbt manifest must pass: the graph maps agree with depends_on, like dbt builds them. */
final class ManifestChecks {

    private ManifestChecks() {
    }

    static void assertGraphConsistent(JsonNode manifest, String label) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (String section : List.of("nodes", "sources", "exposures", "metrics", "semantic_models", "saved_queries",
                "unit_tests")) {
            for (Map.Entry<String, JsonNode> e : manifest.get(section).properties()) {
                assertThat(members.put(e.getKey(), e.getValue())).as(label + ": duplicate " + e.getKey()).isNull();
                assertThat(e.getValue().get("unique_id").asText()).isEqualTo(e.getKey());
            }
        }
        JsonNode parentMap = manifest.get("parent_map");
        JsonNode childMap = manifest.get("child_map");
        assertThat(Artifacts.fieldNames(parentMap)).as(label + " parent_map keys").containsExactlyElementsOf(members.keySet());
        assertThat(Artifacts.fieldNames(childMap)).as(label + " child_map keys").containsExactlyElementsOf(members.keySet());

        Map<String, Set<String>> inverse = new LinkedHashMap<>();
        members.keySet().forEach(k -> inverse.put(k, new TreeSet<>()));
        Set<String> macros = new HashSet<>(Artifacts.fieldNames(manifest.get("macros")));
        for (Map.Entry<String, JsonNode> e : members.entrySet()) {
            JsonNode dependsOn = e.getValue().get("depends_on");
            List<String> parents = dependsOn == null || dependsOn.get("nodes") == null ? List.of()
                    : Artifacts.strings(dependsOn.get("nodes"));
            List<String> sorted = new ArrayList<>(parents);
            Collections.sort(sorted);
            assertThat(Artifacts.strings(parentMap.get(e.getKey()))).as(label + " parent_map of " + e.getKey())
                    .isEqualTo(sorted);
            for (String p : parents) {
                assertThat(members).as(label + ": " + e.getKey() + " depends on unknown " + p).containsKey(p);
                inverse.get(p).add(e.getKey());
            }
            if (dependsOn != null && dependsOn.get("macros") != null) {
                assertThat(macros).as(label + " macros of " + e.getKey())
                        .containsAll(Artifacts.strings(dependsOn.get("macros")));
            }
            JsonNode attached = e.getValue().get("attached_node");
            if (attached != null && !attached.isNull()) {
                assertThat(parents).as(label + " attached_node of " + e.getKey()).contains(attached.asText());
            }
        }
        for (Map.Entry<String, Set<String>> e : inverse.entrySet()) {
            assertThat(Artifacts.strings(childMap.get(e.getKey()))).as(label + " child_map of " + e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
        for (Map.Entry<String, JsonNode> m : manifest.get("macros").properties()) {
            assertThat(macros).as(label + " macros called by " + m.getKey())
                    .containsAll(Artifacts.strings(m.getValue().get("depends_on").get("macros")));
        }
        for (Map.Entry<String, JsonNode> g : manifest.get("group_map").properties()) {
            assertThat(manifest.get("groups").has("group.shop." + g.getKey())).isTrue();
            for (String id : Artifacts.strings(g.getValue())) {
                assertThat(members.get(id).get("group").asText()).as(label + " group of " + id).isEqualTo(g.getKey());
            }
        }
    }
}
