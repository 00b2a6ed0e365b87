package dev.hyperplane.memory.density;

import dev.hyperplane.memory.density.DensityBenchmark.TraceResult;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The density benchmark's report: one table row per trace, then per mix the median and the worst. */
final class DensityReportTable {
    private DensityReportTable() {
    }

    static String render(List<TraceResult> results, long[] seeds, List<Mix> mixes) {
        StringBuilder out = new StringBuilder("""
                # Density benchmark

                %d hosts of %d MB (%d MB root reserve), WS2019. Each trace is a mix's VMs drawn from a seed; a host
                takes every %dth VM and starts it once it has room for its startup memory. Dynamic Memory: %d MB
                minimum, maximum twice the startup size, %d %% buffer. A packing passes with every VM started
                within %d minutes, zero guest out-of-memory events and no VM above 100 %% pressure for more than
                %d s in %d simulated minutes. Densities are VMs per host; "balancer" is Dynamic Memory with the
                fleet balancer as the service runs it; "on the sample" is the same balancer deciding on the
                latest sample alone, blind to its moves in flight (as it did before); "reference" is the
                clairvoyant first-fit-decreasing packing by peak demand plus buffer, checked on the engine;
                "demand at 1.6x" is the most all VMs of the 1.6x packing demanded at once, as a share of all
                the memory the hosts give VMs.

                | mix | seed | static | Dynamic Memory | on the sample | balancer | reference | balancer / static | of reference | migrations | refusals | longest starvation (s) | demand at 1.6x |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|
                """.formatted(DensityBenchmark.HOSTS, DensityRun.HOST_MB, DensityRun.ROOT_RESERVE_MB,
                DensityBenchmark.HOSTS, DensityRun.MINIMUM_MB, DensityRun.BUFFER_PERCENT,
                DensityRun.ADMISSION.toMinutes(), DensityRun.STARVATION_LIMIT.toSeconds(), DensityRun.RUN.toMinutes()));
        List<TraceResult> ordered = results.stream().sorted(Comparator.comparing(TraceResult::mix)
                .thenComparing(r -> indexOf(seeds, r.seed()))).toList();
        for (TraceResult r : ordered) {
            out.append("| %s | %d | %d | %d | %d | %d | %d | %.2fx | %.0f %% | %s | %s | %s | %d %% |\n".formatted(
                    r.mix().label, r.seed(), r.staticDensity(), r.dynamic(), r.onTheSample(), r.balanced(),
                    r.reference(), r.vsStatic(), 100 * r.ofReference(), r.balancedRun() == null ? "-" : r.balancedRun().migrations(),
                    r.balancedRun() == null ? "-" : r.balancedRun().refusals(),
                    r.balancedRun() == null ? "-" : r.balancedRun().longestStarvationS(), r.goalDemandPercent()));
        }
        out.append("""

                | mix | traces | balancer / static: median | worst | of reference: median | worst | goal (worst >= 1.5x, median >= 1.6x, >= 90 %%) |
                |---|---|---|---|---|---|---|
                """.formatted());
        for (Mix mix : mixes) {
            double[] ratios = ordered.stream().filter(r -> r.mix() == mix).mapToDouble(TraceResult::vsStatic).sorted()
                    .toArray();
            double[] fractions = ordered.stream().filter(r -> r.mix() == mix).mapToDouble(TraceResult::ofReference)
                    .sorted().toArray();
            if (ratios.length == 0) {
                continue;
            }
            boolean met = ratios[0] >= 1.5 && median(ratios) >= 1.6 && fractions[0] >= 0.9;
            out.append("| %s | %d | %.2fx | %.2fx | %.0f %% | %.0f %% | %s |\n".formatted(mix.label, ratios.length,
                    median(ratios), ratios[0], 100 * median(fractions), 100 * fractions[0],
                    DensityBenchmark.GOAL_MIXES.contains(mix) ? (met ? "met" : "missed") : "reported only"));
        }
        return out.toString();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int indexOf(long[] seeds, long seed) {
        return Arrays.stream(seeds).boxed().toList().indexOf(seed);
    }
}
