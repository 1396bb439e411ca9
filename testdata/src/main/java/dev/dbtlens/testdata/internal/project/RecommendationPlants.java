package dev.dbtlens.testdata.internal.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plants violations of dbt-project-evaluator's rules into a built project, before its graph is
 * finished. Each plant changes as little as it can: one edge, no new node.
 */
final class RecommendationPlants {
    private RecommendationPlants() {
    }

    static void apply(Project p, Set<String> plants) {
        if (plants.contains("STAGING_DEPENDS_ON_STAGING")) {
            stagingOnStaging(p);
        }
    }

    /**
     * The last staging model (in manifest order) also selects from the first staging model of
     * another source: a {@code fct_staging_dependent_on_staging} violation and nothing else new.
     */
    private static void stagingOnStaging(Project p) {
        List<Model> staging = p.models.stream().filter(m -> m.layer == Model.Layer.STAGING).toList();
        Model child = staging.get(staging.size() - 1);
        SourceTable childSource = (SourceTable) child.parents[0];
        Model parent = staging.stream()
                .filter(m -> !((SourceTable) m.parents[0]).sourceName.equals(childSource.sourceName))
                .findFirst().orElse(staging.get(0));
        List<Resource> parents = new ArrayList<>(List.of(child.parents));
        parents.add(parent);
        child.parents = parents.toArray(Resource.NONE);
    }
}
