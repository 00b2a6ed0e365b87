package dev.hyperplane.memory.density;

import dev.hyperplane.memory.density.DensityRun.Mode;
import dev.hyperplane.memory.density.DensityRun.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many VMs a host carries with static memory, with Dynamic Memory (Hyper-V's per-host balancer in the engine),
 * with Dynamic Memory plus this service's fleet balancer, and with the {@link ClairvoyantReference}, over many
 * seeded traces of several mixes. A packing counts only if every VM got started within 30 minutes, no guest ran out
 * of memory and no VM stayed above 100 % pressure for more than 60 s during two simulated hours.
 * <p>
 * Run with {@code ./mvnw -B install -DskipTests && ./mvnw -B verify -Pbench -pl services/memory-balancer}; seeds and
 * mixes are {@code -Ddensity.seeds=7,31337} and {@code -Ddensity.mixes=LINUX,BURSTY}. The report goes to
 * {@code target/density-report.md}.
 */
class DensityBenchmark {
    static final int HOSTS = 4;
    static final String DEFAULT_SEEDS = "20261126,7,31337,424242,99991,1,2,3,2718,4242";
    /** The mixes the goals hold for; the others are reported. */
    static final List<Mix> GOAL_MIXES = List.of(Mix.LINUX, Mix.WINDOWS_AND_LINUX);

    /** One trace's densities, in VMs per host (0: no packing passed). */
    /**
     * @param goalDemandPercent at the 1.6x goal's packing, the most all VMs demanded at once (balloon floors
     *                          included, buffers not) as a share of all the hosts' memory for VMs
     */
    record TraceResult(Mix mix, long seed, int staticDensity, int dynamic, int onTheSample, int balanced,
                       int reference, Outcome balancedRun, int goalDemandPercent) {
        double vsStatic() {
            return (double) balanced / staticDensity;
        }

        double ofReference() {
            return reference == 0 ? 0 : (double) balanced / reference;
        }
    }

    @Test
    void dynamic_memory_with_the_fleet_balancer_packs_more_on_every_trace() throws Exception {
        long[] seeds = Arrays.stream(System.getProperty("density.seeds", DEFAULT_SEEDS).split(","))
                .map(String::trim).mapToLong(Long::parseLong).toArray();
        List<Mix> mixes = Arrays.stream(System.getProperty("density.mixes",
                String.join(",", Arrays.stream(Mix.values()).map(Enum::name).toList())).split(","))
                .map(String::trim).map(Mix::valueOf).toList();
        List<TraceResult> results = new ForkJoinPool(Runtime.getRuntime().availableProcessors()).submit(() ->
                mixes.stream().flatMap(mix -> Arrays.stream(seeds).mapToObj(seed -> new long[]{mix.ordinal(), seed}))
                        .parallel().map(job -> measure(Mix.values()[(int) job[0]], job[1])).toList()).get();
        String report = DensityReportTable.render(results, seeds, mixes);
        Path file = Path.of("target", "density-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);

        for (TraceResult r : results) {
            assertThat(r.balanced()).as("%s seed %d: a packing with the fleet balancer passes", r.mix(), r.seed())
                    .isPositive();
        }
    }

    static TraceResult measure(Mix mix, long seed) {
        List<TraceVm> trace = mix.trace(seed, HOSTS * 200);
        Function<Integer, Integer> spread = DensityRun.roundRobin(HOSTS);
        long capacity = DensityRun.HOST_MB - DensityRun.ROOT_RESERVE_MB;
        int estimate = staticEstimate(trace, capacity);
        Outcome staticBest = search(new DensityRun(Mode.STATIC, HOSTS, DensityRun.HOST_MB, seed), trace, estimate,
                spread);
        int staticDensity = staticBest == null ? 0 : staticBest.perHost();
        Outcome dynamic = search(new DensityRun(Mode.DYNAMIC, HOSTS, DensityRun.HOST_MB, seed), trace,
                Math.max(1, staticDensity), spread);
        int dynamicDensity = dynamic == null ? 0 : dynamic.perHost();
        Outcome onTheSample = search(new DensityRun(Mode.BALANCED, HOSTS, DensityRun.HOST_MB, seed,
                DensityRun.ON_THE_SAMPLE), trace, Math.max(1, dynamicDensity), spread);
        Outcome balanced = search(new DensityRun(Mode.BALANCED, HOSTS, DensityRun.HOST_MB, seed), trace,
                Math.max(1, dynamicDensity), spread);
        int balancedDensity = balanced == null ? 0 : balanced.perHost();
        int reference = reference(trace, seed, Math.max(balancedDensity, dynamicDensity) * 3 / 2 + 4, capacity);
        int goal = (int) Math.ceil(1.6 * staticDensity);
        long goalPeak = new DensityRun(Mode.DYNAMIC, HOSTS, DensityRun.HOST_MB, seed)
                .run(trace.subList(0, goal * HOSTS), spread).peakFleetDemandMb();
        return new TraceResult(mix, seed, staticDensity, dynamicDensity,
                onTheSample == null ? 0 : onTheSample.perHost(),
                balancedDensity, reference, balanced, (int) (100 * goalPeak / (HOSTS * capacity)));
    }

    /** Where the static search starts: the most VMs per host whose startup memory fits every host. */
    private static int staticEstimate(List<TraceVm> trace, long capacity) {
        for (int perHost = 1; ; perHost++) {
            for (int h = 0; h < HOSTS; h++) {
                long sum = 0;
                for (int i = h; i < perHost * HOSTS; i += HOSTS) {
                    sum += trace.get(i).startupMb();
                }
                if (sum > capacity) {
                    return Math.max(1, perHost - 1);
                }
            }
        }
    }

    /**
     * The most VMs per host that pass, one step at a time from {@code start}: up while packings pass, else down
     * until one does. Null when none does.
     */
    static Outcome search(DensityRun run, List<TraceVm> trace, int start, Function<Integer, Integer> placement) {
        Outcome first = run.run(trace.subList(0, start * HOSTS), placement);
        if (first.passes()) {
            Outcome best = first;
            for (int perHost = start + 1; perHost * HOSTS <= trace.size(); perHost++) {
                Outcome next = run.run(trace.subList(0, perHost * HOSTS), placement);
                if (!next.passes()) {
                    return best;
                }
                best = next;
            }
            return best;
        }
        for (int perHost = start - 1; perHost >= 1; perHost--) {
            Outcome next = run.run(trace.subList(0, perHost * HOSTS), placement);
            if (next.passes()) {
                return next;
            }
        }
        return null;
    }

    /**
     * The clairvoyant reference: peaks from an oracle run of the first {@code upTo} VMs per host on hosts with room
     * to spare, the largest first-fit-decreasing packing by them, then smaller ones until one passes on the engine.
     */
    private static int reference(List<TraceVm> trace, long seed, int upTo, long capacity) {
        List<TraceVm> prefix = trace.subList(0, Math.min(trace.size(), upTo * HOSTS));
        Map<String, Long> peaks = new DensityRun(Mode.DYNAMIC, HOSTS, 4L * 1024 * 1024, seed)
                .run(prefix, DensityRun.roundRobin(HOSTS)).peakDemandMb();
        ClairvoyantReference.Packing packing = ClairvoyantReference.largest(prefix, peaks, HOSTS, capacity);
        DensityRun engine = new DensityRun(Mode.DYNAMIC, HOSTS, DensityRun.HOST_MB, seed);
        for (int perHost = packing == null ? 0 : packing.perHost(); perHost >= 1; perHost--) {
            ClairvoyantReference.Packing p = ClairvoyantReference.firstFitDecreasing(prefix, peaks, HOSTS, perHost,
                    capacity);
            if (p != null && engine.run(prefix.subList(0, perHost * HOSTS), p.hostOf()::get).passes()) {
                return perHost;
            }
        }
        return 0;
    }
}
