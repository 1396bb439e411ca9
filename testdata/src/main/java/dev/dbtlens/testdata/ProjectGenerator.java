package dev.dbtlens.testdata;

import dev.dbtlens.testdata.internal.history.ExecutionSimulator;
import dev.dbtlens.testdata.internal.history.Outcome;
import dev.dbtlens.testdata.internal.history.PerformancePlan;
import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.history.Timeline;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.ProjectBuilder;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.write.CatalogWriter;
import dev.dbtlens.testdata.internal.write.ManifestWriter;
import dev.dbtlens.testdata.internal.write.JsonLogWriter;
import dev.dbtlens.testdata.internal.write.RunResultsWriter;
import dev.dbtlens.testdata.internal.write.SourcesWriter;
import dev.dbtlens.testdata.internal.history.Timeline.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Generates a realistic, deterministic dbt project history: one folder per invocation, like successive copies of
 * dbt's {@code target/} directory.
 *
 * <p>Layout of {@code outDir}:
 * <pre>
 * 001-build/             manifest.json, run_results.json, catalog.json
 * 002-source-freshness/  manifest.json, sources.json   (dbt source freshness writes no run_results.json)
 * 003-build/             manifest.json, run_results.json, catalog.json
 * 004-test/              manifest.json, run_results.json   (models have no compiled_code, as with dbt test)
 * 005-run/               manifest.json, run_results.json   (dbt run --select intermediate marts)
 * 006-build/ ...         then a repeating, mostly-build pattern; invocations are one hour apart
 * index.txt              every file above, one relative path per line, sorted
 * </pre>
 * {@code catalog.json} is written for build invocations only, as if {@code dbt docs generate} ran right after
 * each build; it carries the build's invocation id. {@code sources.json} is written only by source freshness
 * invocations.
 *
 * <p>The story the first six invocations tell (fewer invocations tell less of it): invocation 3 edits one
 * intermediate model (its checksum changes) and it fails with a database error, so its descendants are skipped,
 * and one relationships test fails (in 3 and 4); invocation 5 fixes the model and adds one new fact model (with
 * fewer invocations the new model comes with the last build or run, so the last manifest always has every model);
 * one warn-severity test warns whenever it runs.
 *
 * <p>The same {@link Options} always produce byte-identical files. Files are written with Jackson's streaming
 * generator one node at a time, so memory grows with the number of nodes (a few hundred bytes each), never with
 * the size of the JSON; 100,000 models give a manifest of about 1 GB.
 */
public final class ProjectGenerator {

    private ProjectGenerator() {
    }

    /**
     * Generation options.
     *
     * @param models      models in the final project, package models and both versions of the versioned model
     *                    included; between {@value #MIN_MODELS} and {@value #MAX_MODELS}
     * @param invocations number of invocations (folders); between 1 and {@value #MAX_INVOCATIONS}
     * @param seed        random seed; any value
     * @param plantColumnLineage write models' SQL whose column lineage the generator knows (every column
     *                    references a column its parent has, joins on columns both sides have) and the expected edges
     *                    in {@value Options#COLUMN_LINEAGE_FILE}; off by default (the default SQL references some columns
     *                    its parents lack, as hand-written projects do)
     */
    public record Options(int models, int invocations, long seed, boolean plantColumnLineage) {
        /** Smallest project that still has every layer and special model. */
        public static final int MIN_MODELS = 20;
        public static final int MAX_MODELS = 1_000_000;
        public static final int MAX_INVOCATIONS = 100_000;
        public static final int DEFAULT_MODELS = 50;
        public static final int DEFAULT_INVOCATIONS = 5;
        public static final long DEFAULT_SEED = 42L;

        /** The planted column lineage of the last invocation's models ({@code ColumnLineageWriter} says what is in it). */
        public static final String COLUMN_LINEAGE_FILE = "planted-column-lineage.json";

        /**
         * Options without planted column lineage.
         *
         * @throws IllegalArgumentException if a value is out of range
         */
        public Options(int models, int invocations, long seed) {
            this(models, invocations, seed, false);
        }

        /**
         * @param plant whether to plant column lineage
         * @return these options with planted column lineage on or off
         */
        public Options withPlantedColumnLineage(boolean plant) {
            return new Options(models, invocations, seed, plant);
        }

        /**
         * @throws IllegalArgumentException if a value is out of range
         */
        public Options {
            if (models < MIN_MODELS || models > MAX_MODELS) {
                throw new IllegalArgumentException("models must be between " + MIN_MODELS + " and " + MAX_MODELS
                        + ", got " + models);
            }
            if (invocations < 1 || invocations > MAX_INVOCATIONS) {
                throw new IllegalArgumentException("invocations must be between 1 and " + MAX_INVOCATIONS + ", got "
                        + invocations);
            }
        }

        /** 50 models, 5 invocations, seed 42: the bundled sample. */
        public static Options defaults() {
            return new Options(DEFAULT_MODELS, DEFAULT_INVOCATIONS, DEFAULT_SEED);
        }
    }

    /**
     * Generates the project history into {@code outDir}.
     *
     * @param options what to generate
     * @param outDir  output directory; created if missing, must be empty if it exists
     * @return counts of what was written
     * @throws IllegalArgumentException if {@code outDir} is a file or a non-empty directory
     * @throws UncheckedIOException     if writing fails
     */
    public static GenerationSummary generate(Options options, Path outDir) {
        return generate(options, outDir, false, java.util.Set.of(), null);
    }

    /**
     * Generates the project history, optionally with the JSON log ({@code dbt.log}) dbt would have written beside
     * each run_results.json: the same invocation id, node timings, threads, statuses and messages (off by default).
     *
     * @param options  what to generate
     * @param outDir   output directory; created if missing, must be empty if it exists
     * @param jsonLogs also write {@code dbt.log} in each folder that has a run_results.json
     * @return counts of what was written
     */
    public static GenerationSummary generate(Options options, Path outDir, boolean jsonLogs) {
        return generate(options, outDir, jsonLogs, java.util.Set.of(), null);
    }

    /**
     * Generates the project history into {@code outDir} with violations of dbt-project-evaluator's rules
     * planted (an empty set gives exactly the output of {@link #generate(Options, Path)}).
     *
     * @param options what to generate
     * @param outDir  output directory; created if missing, must be empty if it exists
     * @param plants  the violations to plant
     * @return counts of what was written
     */
    public static GenerationSummary generate(Options options, Path outDir, java.util.Set<PlantedViolation> plants) {
        return generate(options, outDir, false, plants, null);
    }

    /**
     * Generates the project history with planted performance answers (see {@link PerformancePlants}); null plants
     * give exactly what {@link #generate(Options, Path)} gives.
     *
     * @param options what to generate
     * @param plants  the planted answers, or null for none
     * @param outDir  output directory; created if missing, must be empty if it exists
     * @return counts of what was written ({@value PerformancePlants#FILE} included when planted)
     */
    public static GenerationSummary generate(Options options, PerformancePlants plants, Path outDir) {
        return generate(options, outDir, false, java.util.Set.of(), plants);
    }

    private static GenerationSummary generate(Options options, Path outDir, boolean jsonLogs,
            java.util.Set<PlantedViolation> plants, PerformancePlants performance) {
        requireEmptyDirectory(outDir);
        try {
            return new Generation(options, outDir, jsonLogs, plants, performance).run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write into " + outDir, e);
        }
    }

    /**
     * Command line: {@code --models N --invocations K --seed S --out DIR [--plant-column-lineage]}; all but
     * {@code --out} are optional (defaults 50, 5, 42, no planted column lineage). Prints a summary; exits with status 2 on bad arguments.
     *
     * @param args command line arguments
     */
    public static void main(String[] args) {
        Path out = null;
        int models = Options.DEFAULT_MODELS;
        int invocations = Options.DEFAULT_INVOCATIONS;
        long seed = Options.DEFAULT_SEED;
        boolean plantColumnLineage = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if ("--help".equals(a) || "-h".equals(a)) {
                    System.out.println(usage());
                    return;
                }
                if ("--plant-column-lineage".equals(a)) {
                    plantColumnLineage = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--models" -> models = Integer.parseInt(v);
                    case "--invocations" -> invocations = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--out" -> out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            long started = System.nanoTime();
            GenerationSummary s = generate(new Options(models, invocations, seed, plantColumnLineage), out);
            System.out.printf(Locale.ROOT,
                    "wrote %d files (%,d bytes) for %d invocations in %s: %d models, %d tests, %d sources, %d seeds,"
                            + " %d snapshots, %d exposures (%.1f s)%n",
                    s.filesWritten(), s.totalBytes(), s.invocations(), out, s.models(), s.tests(), s.sources(),
                    s.seeds(), s.snapshots(), s.exposures(), (System.nanoTime() - started) / 1e9);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    private static String usage() {
        return "usage: ProjectGenerator --out DIR [--models N (default 50)] [--invocations K (default 5)]"
                + " [--seed S (default 42)] [--plant-column-lineage]";
    }

    private static void requireEmptyDirectory(Path outDir) {
        if (!Files.exists(outDir)) {
            return;
        }
        if (!Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("output path is not a directory: " + outDir);
        }
        try (Stream<Path> entries = Files.list(outDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("output directory is not empty: " + outDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of the generator. */
    private static final class Generation {
        private final Options options;
        private final Path outDir;
        private final Project project;
        private final Timeline timeline;
        private final ProjectState state;
        private final List<String> files = new ArrayList<>();
        private long bytes;
        private final boolean jsonLogs;
        private final PerformancePlan plan;

        Generation(Options options, Path outDir, boolean jsonLogs, java.util.Set<PlantedViolation> plants,
                PerformancePlants performance) {
            this.jsonLogs = jsonLogs;
            this.options = options;
            this.outDir = outDir;
            this.project = new ProjectBuilder(options.models(), options.seed())
                    .planting(plants.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()))
                    .build();
            if (options.plantColumnLineage()) {
                project.models.forEach(m -> m.plantedLineage = true);
            }
            this.timeline = new Timeline(options.models(), options.invocations(), options.seed());
            this.state = new ProjectState(project, timeline);
            scheduleLateModel();
            this.plan = performance == null ? null : PerformancePlan.choose(project, performance.slowFrom(),
                    performance.slowFactor(), performance.failurePercent());
        }

        /** The late model and everything that depends on it appear at {@link Timeline#addAt()}. */
        private void scheduleLateModel() {
            project.lateModel.addedAt = timeline.addAt();
            for (Resource r : project.all()) {
                for (Resource p : r.parents) {
                    r.addedAt = Math.max(r.addedAt, p.addedAt);
                }
            }
        }

        GenerationSummary run() throws IOException {
            Files.createDirectories(outDir);
            for (int inv = 1; inv <= options.invocations(); inv++) {
                invocation(inv);
            }
            if (plan != null) {
                Path planted = outDir.resolve(PerformancePlants.FILE);
                Files.writeString(planted, plan.describe(), StandardCharsets.UTF_8);
                files.add(PerformancePlants.FILE);
                bytes += Files.size(planted);
            }
            if (options.plantColumnLineage()) {
                Path planted = outDir.resolve(Options.COLUMN_LINEAGE_FILE);
                new dev.dbtlens.testdata.internal.write.ColumnLineageWriter(project, state)
                        .write(planted, options.invocations());
                files.add(Options.COLUMN_LINEAGE_FILE);
                bytes += Files.size(planted);
            }
            Path index = outDir.resolve("index.txt");
            files.sort(null);
            Files.writeString(index, String.join("\n", files) + "\n", StandardCharsets.UTF_8);
            bytes += Files.size(index);
            int last = options.invocations();
            int models = (int) project.models.stream().filter(m -> m.activeAt(last)).count();
            int tests = (int) project.tests.stream().filter(t -> t.activeAt(last)).count();
            return new GenerationSummary(models, tests, project.sources.size(), project.seeds.size(),
                    project.snapshots.size(), project.exposures.size(), options.invocations(), files.size() + 1, bytes);
        }

        private void invocation(int inv) throws IOException {
            state.enter(inv);
            String folder = timeline.folder(inv);
            Path dir = Files.createDirectories(outDir.resolve(folder));
            long parsed = timeline.startMicros(inv) + 1_500_000 + project.nodeCount() * 40L;
            long executionStart = parsed + 1_200_000;
            Command command = timeline.command(inv);
            ManifestWriter manifest = new ManifestWriter(project, timeline, state);
            if (command == Command.FRESHNESS) {
                manifest.write(track(dir, folder, "manifest.json"), inv, parsed, new boolean[project.all().size()]);
                new SourcesWriter(project, timeline).write(track(dir, folder, "sources.json"), inv, executionStart);
                measure(dir);
                return;
            }
            List<Outcome> outcomes = new ExecutionSimulator(project, timeline, inv, state.lastBuilt, plan)
                    .run(executionStart);
            long end = executionStart;
            for (Outcome o : outcomes) {
                end = Math.max(end, o.end());
            }
            long resultsAt = end + 350_000;
            state.record(outcomes);
            manifest.write(track(dir, folder, "manifest.json"), inv, parsed,
                    ManifestWriter.compiledSet(project, command, inv, outcomes));
            new RunResultsWriter(timeline, state).write(track(dir, folder, "run_results.json"), inv, outcomes, resultsAt);
            if (jsonLogs) {
                new JsonLogWriter(timeline).write(track(dir, folder, "dbt.log"), inv, outcomes, resultsAt);
            }
            if (command == Command.BUILD) {
                long catalogAt = resultsAt + 2_000_000 + project.models.size() * 9_000L;
                new CatalogWriter(project, timeline, state).write(track(dir, folder, "catalog.json"), inv, catalogAt);
            }
            measure(dir);
        }

        private Path track(Path dir, String folder, String name) {
            files.add(folder + "/" + name);
            return dir.resolve(name);
        }

        private void measure(Path dir) throws IOException {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    bytes += Files.size(p);
                }
            }
        }
    }
}
