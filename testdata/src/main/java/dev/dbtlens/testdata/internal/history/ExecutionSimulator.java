package dev.dbtlens.testdata.internal.history;

import dev.dbtlens.testdata.internal.project.DataTest;
import dev.dbtlens.testdata.internal.project.Hashing;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.Seed;
import dev.dbtlens.testdata.internal.project.Snapshot;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import dev.dbtlens.testdata.internal.project.UnitTest;
import dev.dbtlens.testdata.internal.history.Timeline.Command;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulates a dbt build, run or test on a pool of worker threads: dependencies first, list scheduling on the
 * earliest free thread, dbt's skip rules (an error, a failed test or a skip upstream skips the node).
 * Durations are log-normal around a per-node base, so the same model is slow in every run.
 */
public final class ExecutionSimulator {
    public static final int THREADS = 8;

    private final Project project;
    private final Timeline timeline;
    private final int invocation;
    private final Command command;
    private final SplittableRandom rnd;
    /** When each relation was last built (0 = never): a test on a relation that does not exist errors. */
    private final long[] lastBuilt;
    /** Planted performance answers, or null. */
    private final PerformancePlan plan;

    private final List<Resource> items = new ArrayList<>();
    private final int[] itemIndex;
    private int[][] preds;

    public ExecutionSimulator(Project project, Timeline timeline, int invocation, long[] lastBuilt) {
        this(project, timeline, invocation, lastBuilt, null);
    }

    /** @param plan planted performance answers, or null for none */
    public ExecutionSimulator(Project project, Timeline timeline, int invocation, long[] lastBuilt,
            PerformancePlan plan) {
        this.plan = plan;
        this.project = project;
        this.lastBuilt = lastBuilt;
        this.timeline = timeline;
        this.invocation = invocation;
        this.command = timeline.command(invocation);
        this.rnd = new SplittableRandom(Hashing.mix(timeline.seed, 0xE7, invocation));
        this.itemIndex = new int[project.all().size()];
        Arrays.fill(itemIndex, -1);
    }

    /** Outcomes in completion order, as dbt lists them in run_results.json. */
    public List<Outcome> run(long executionStart) {
        selectItems();
        computePredecessors();
        Integer[] order = dispatchOrder();
        Outcome[] outcomes = new Outcome[items.size()];
        long[] threadFree = new long[THREADS];
        Arrays.fill(threadFree, executionStart);
        for (int pos : order) {
            outcomes[pos] = execute(pos, outcomes, threadFree, executionStart);
        }
        List<Outcome> done = new ArrayList<>(Arrays.asList(outcomes));
        done.sort(Comparator.comparingLong(Outcome::end).thenComparingInt(o -> o.resource().id));
        return done;
    }

    // ---------------------------------------------------------------- what runs, and after what

    private void selectItems() {
        if (command == Command.TEST) {
            project.tests.stream().filter(t -> t.activeAt(invocation)).forEach(this::addItem);
            project.unitTests.stream().filter(t -> t.activeAt(invocation)).forEach(this::addItem);
            return;
        }
        if (command == Command.BUILD) {
            project.seeds.forEach(this::addItem);
            project.snapshots.forEach(this::addItem);
        }
        for (Model m : project.models) {
            if (m.activeAt(invocation) && !m.ephemeral() && (command == Command.BUILD || selectedByRun(m))) {
                addItem(m);
            }
        }
        if (command == Command.BUILD) {
            project.tests.stream().filter(t -> t.activeAt(invocation)).forEach(this::addItem);
            project.unitTests.stream().filter(t -> t.activeAt(invocation)).forEach(this::addItem);
        }
    }

    /** {@code dbt run --select intermediate marts}. */
    static boolean selectedByRun(Model m) {
        return m.layer == Model.Layer.INTERMEDIATE || m.layer == Model.Layer.DIMENSION || m.layer == Model.Layer.FACT;
    }

    private void addItem(Resource r) {
        itemIndex[r.id] = items.size();
        items.add(r);
    }

    private void computePredecessors() {
        preds = new int[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            preds[i] = command == Command.TEST ? new int[0] : predecessorsOf(items.get(i));
        }
    }

    private int[] predecessorsOf(Resource r) {
        List<Integer> out = new ArrayList<>();
        Resource[] parents = r instanceof UnitTest u ? u.model.parents : r.parents;
        for (Resource p : parents) {
            addResolved(out, p);
        }
        if (command == Command.BUILD && r instanceof Model m) {
            for (Resource p : parents) {
                if (p instanceof Model pm) {
                    for (DataTest t : pm.tests) {
                        if (t.parents.length == 1) {
                            add(out, t);
                        }
                    }
                }
            }
            m.unitTests.forEach(u -> add(out, u));
        }
        return out.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    /** Executed parents; an ephemeral parent is replaced by its own parents. */
    private void addResolved(List<Integer> out, Resource p) {
        if (p instanceof Model m && m.ephemeral()) {
            for (Resource gp : m.parents) {
                addResolved(out, gp);
            }
            return;
        }
        add(out, p);
    }

    private void add(List<Integer> out, Resource r) {
        int idx = itemIndex[r.id];
        if (idx >= 0) {
            out.add(idx);
        }
    }

    private Integer[] dispatchOrder() {
        int[] level = new int[items.size()];
        Arrays.fill(level, -1);
        for (int i = 0; i < items.size(); i++) {
            levelOf(i, level);
        }
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> level[i]).thenComparingInt(i -> items.get(i).id));
        return order;
    }

    private int levelOf(int i, int[] level) {
        if (level[i] >= 0) {
            return level[i];
        }
        int l = 0;
        for (int p : preds[i]) {
            l = Math.max(l, levelOf(p, level) + 1);
        }
        level[i] = l;
        return l;
    }

    // ---------------------------------------------------------------- executing one node

    private Outcome execute(int pos, Outcome[] outcomes, long[] threadFree, long executionStart) {
        Resource r = items.get(pos);
        long ready = executionStart;
        boolean blocked = false;
        for (int p : preds[pos]) {
            ready = Math.max(ready, outcomes[p].end());
            blocked |= outcomes[p].blocksDependents();
        }
        int thread = earliest(threadFree);
        if (blocked) {
            return new Outcome(r, "skipped", ready, ready, ready, thread, null, null, null, null, null, null);
        }
        long start = Math.max(ready, threadFree[thread]) + 300 + rnd.nextInt(4000);
        long compile = 3_000 + rnd.nextInt(35_000);
        double factor = plan == null ? 1.0 : plan.durationFactor(r, invocation);
        long duration = Math.max(5_000, (long) (baseSeconds(r) * noise() * factor * 1_000_000));
        Outcome o = outcome(r, start, start + compile, start + compile + duration, thread);
        threadFree[thread] = o.end();
        return o;
    }

    private Outcome outcome(Resource r, long start, long compileEnd, long end, int thread) {
        String qid = queryId(r);
        if (r instanceof Model m) {
            return modelOutcome(m, start, compileEnd, end, thread, qid);
        }
        if (r instanceof Seed s) {
            return new Outcome(r, "success", start, compileEnd, end, thread, null, "INSERT " + s.rows, "INSERT",
                    s.rows, null, null);
        }
        if (r instanceof Snapshot) {
            long rows = 1 + rnd.nextInt(40);
            return new Outcome(r, "success", start, compileEnd, end, thread, null, "SUCCESS " + rows, "SUCCESS", rows,
                    qid, null);
        }
        if (r instanceof UnitTest) {
            return new Outcome(r, "pass", start, compileEnd, end, thread, 0, null, "SUCCESS", 1L, qid, null);
        }
        return testOutcome((DataTest) r, start, compileEnd, end, thread, qid);
    }

    private Outcome modelOutcome(Model m, long start, long compileEnd, long end, int thread, String qid) {
        if (m == project.breakingModel && Timeline.breakingRevision(invocation) == 1) {
            long failedAt = compileEnd + 200_000 + rnd.nextInt(900_000);
            return new Outcome(m, "error", start, compileEnd, failedAt, thread, null, SqlTemplates.breakingError(m),
                    null, null, null, null);
        }
        boolean randomError = !timeline.scripted(invocation) && rnd.nextInt(2000) == 0;
        if (plan != null && plan.planted(m)) {
            randomError = m == plan.failing && plan.nextFails();
        }
        if (randomError) {
            return new Outcome(m, "error", start, compileEnd, end, thread, null, SqlTemplates.transientError(m),
                    null, null, null, null);
        }
        if (m.microbatch) {
            List<String[]> batches = batches(m);
            return new Outcome(m, "success", start, compileEnd, end, thread, null, "SUCCESS " + batches.size(),
                    "SUCCESS", (long) batches.size(), qid, batches);
        }
        long rows = m.incremental() ? 1 + rnd.nextInt(25_000) : 1;
        return new Outcome(m, "success", start, compileEnd, end, thread, null, "SUCCESS " + rows, "SUCCESS", rows, qid,
                null);
    }

    private Outcome testOutcome(DataTest t, long start, long compileEnd, long end, int thread, String qid) {
        for (Resource p : command == Command.TEST ? t.parents : Resource.NONE) {
            boolean relation = p instanceof Model m ? !m.ephemeral() : p instanceof Seed || p instanceof Snapshot;
            if (relation && lastBuilt[p.id] == 0) {
                return new Outcome(t, "error", start, compileEnd, compileEnd + 180_000, thread, null,
                        "Database Error in test " + t.name + " (" + t.originalFilePath + ")\n  002003 (42S02): SQL"
                                + " compilation error:\n  Object '" + SqlTemplates.relationName(p).toUpperCase(Locale.ROOT)
                                + "' does not exist or not authorized.", null, null, null, null);
            }
        }
        int failures = 0;
        if (t == project.chronicWarnTest) {
            failures = 3 + Math.floorMod(invocation * 7, 11);
        } else if (t == project.brokenTest && (invocation == Timeline.CHANGE_AT || invocation == Timeline.CHANGE_AT + 1)) {
            failures = invocation == Timeline.CHANGE_AT ? 12 : 17;
        } else if (t.warnOnly() && rnd.nextDouble() < 0.04) {
            failures = 1 + rnd.nextInt(60);
        } else if (!timeline.scripted(invocation) && rnd.nextDouble() < 0.004) {
            failures = 1 + rnd.nextInt(200);
        }
        if (failures == 0) {
            return new Outcome(t, "pass", start, compileEnd, end, thread, 0, null, "SUCCESS", 1L, qid, null);
        }
        String status = t.warnOnly() ? "warn" : "fail";
        String message = "Got " + failures + (failures == 1 ? " result" : " results") + ", configured to "
                + status + " if != 0";
        return new Outcome(t, status, start, compileEnd, end, thread, failures, message, "SUCCESS", 1L, qid, null);
    }

    private List<String[]> batches(Model m) {
        long dayMicros = 86_400_000_000L;
        long today = Math.floorDiv(timeline.startMicros(invocation), dayMicros) * dayMicros;
        long begin = Math.floorDiv(Timeline.BASE.getEpochSecond() * 1_000_000L, dayMicros) * dayMicros - 7 * dayMicros;
        boolean first = invocation == 1 || m.addedAt == invocation;
        long from = first ? begin : today - dayMicros;
        List<String[]> out = new ArrayList<>();
        for (long d = from; d <= today; d += dayMicros) {
            out.add(new String[] {DbtTimes.offsetSeconds(d), DbtTimes.offsetSeconds(d + dayMicros)});
        }
        return out;
    }

    // ---------------------------------------------------------------- durations and ids

    /** Median seconds for the node, stable across invocations; about 3% of models are ten times slower. */
    static double baseSeconds(Resource r) {
        SplittableRandom nodeRnd = new SplittableRandom(r.seed);
        double normal = gaussian(nodeRnd);
        double median;
        double sigma;
        if (r instanceof Model m) {
            median = switch (m.materialized) {
                case "view" -> 0.9;
                case "incremental" -> m.microbatch ? 9.0 : 6.0;
                default -> 4.0;
            };
            sigma = 0.8;
            if (nodeRnd.nextDouble() < 0.03) {
                median *= 12;
            }
        } else if (r instanceof Seed s) {
            return 1.2 + s.rows / 2000.0;
        } else if (r instanceof Snapshot) {
            median = 5.0;
            sigma = 0.5;
        } else if (r instanceof UnitTest) {
            median = 0.6;
            sigma = 0.3;
        } else {
            DataTest t = (DataTest) r;
            median = "relationships".equals(t.testName) ? 1.6 : 0.7;
            sigma = 0.5;
        }
        return median * Math.exp(sigma * normal);
    }

    private double noise() {
        return Math.exp(0.15 * gaussian(rnd));
    }

    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private String queryId(Resource r) {
        long a = Hashing.mix(timeline.seed, r.id, invocation);
        long b = Hashing.mix(a, 0x51);
        return String.format(Locale.ROOT, "01c1%04x-%04x-%04x-0000-%012x", (a >>> 48) & 0xFFFF, (a >>> 32) & 0xFFFF,
                (a >>> 16) & 0xFFFF, b & 0xFFFFFFFFFFFFL);
    }

    private static int earliest(long[] threadFree) {
        int best = 0;
        for (int t = 1; t < threadFree.length; t++) {
            if (threadFree[t] < threadFree[best]) {
                best = t;
            }
        }
        return best;
    }
}
