package dev.dbtlens.testdata.internal.project;

import dev.dbtlens.testdata.internal.project.Model.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Exposures (dashboards, applications, notebooks) reading marts, one per twenty models. */
final class ExposureBuilder {
    private final Project p;
    private final SplittableRandom rnd;

    ExposureBuilder(Project p, SplittableRandom rnd) {
        this.p = p;
        this.rnd = rnd;
    }

    void build(int totalModels, List<Model> dims) {
        int count = Math.max(2, (int) Math.round(totalModels / 20.0));
        List<Model> marts = p.models.stream()
                .filter(m -> (m.layer == Layer.FACT || m.layer == Layer.DIMENSION) && m != p.lateModel
                        && (m.version == null || m.version == 2))
                .toList();
        String[] maturities = {"high", "medium", "low"};
        Map<String, List<Model>> byDomain = new LinkedHashMap<>();
        for (Model m : marts) {
            byDomain.computeIfAbsent(m.domain, k -> new ArrayList<>()).add(m);
        }
        for (int i = 0; i < count; i++) {
            Vocabulary.ExposureTemplate t = Vocabulary.EXPOSURES.get(i % Vocabulary.EXPOSURES.size());
            int round = i / Vocabulary.EXPOSURES.size();
            String name = round == 0 ? t.name() : t.name() + "_" + (round + 1);
            Exposure e = new Exposure(name, rnd.nextLong(), t.type(), round == 0 ? t.label() : t.label() + " " + (round + 1),
                    maturities[rnd.nextInt(3)], Vocabulary.ownerOf(t.domain()),
                    t.label() + " used by the " + Vocabulary.ownerOf(t.domain()).name() + " team.");
            List<Resource> parents = new ArrayList<>();
            int wanted = 1 + rnd.nextInt(4);
            List<Model> sameDomain = byDomain.getOrDefault(t.domain(), List.of());
            for (int k = 0; k < wanted * 3 && parents.size() < wanted; k++) {
                List<Model> from = !sameDomain.isEmpty() && rnd.nextInt(3) > 0 ? sameDomain : marts;
                Model m = from.get(rnd.nextInt(from.size()));
                if (!parents.contains(m)) {
                    parents.add(m);
                }
            }
            if (i == 1 && !parents.contains(dims.get(0))) {
                parents.add(dims.get(0));
            }
            if (i == 0) {
                parents.add(p.sources.get(0));
            }
            e.parents = parents.toArray(Resource.NONE);
            p.exposures.add(e);
        }
    }
}
