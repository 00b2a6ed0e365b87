package dev.hyperplane.memory.density;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The density a placement reaches that knows, before anything starts, how much each VM will demand at its peak
 * over the whole run: first-fit decreasing by peak demand plus Hyper-V's 20 % buffer (rounded up to 128 MB, within
 * minimum and maximum), no migrations. Each VM's peak comes from an oracle run of the trace on hosts with room to
 * spare (demand does not depend on the host: the workload sets it). A packing the reference finds is then run on
 * the engine under the same start-up and host rules as every other mode and counts only if it passes there.
 * <p>
 * It is a reference, not an optimum: it sizes every VM for its own peak, but peaks of different VMs come at
 * different times, so a packing that shares the room between VMs whose peaks do not meet — or moves them when they
 * do — can carry more.
 */
final class ClairvoyantReference {
    /** The packing: which host each VM of the trace's prefix goes to. */
    record Packing(int perHost, Map<Integer, Integer> hostOf) {
    }

    private ClairvoyantReference() {
    }

    /** What the reference sizes a VM for: its peak demand plus the buffer, as Hyper-V would aim to give it. */
    static long sizeMb(TraceVm vm, long peakDemandMb) {
        long wanted = (long) Math.ceil(peakDemandMb * (1 + DensityRun.BUFFER_PERCENT / 100.0));
        long rounded = (wanted + 127) / 128 * 128;
        return Math.max(DensityRun.MINIMUM_MB, Math.min(2 * vm.startupMb(), rounded));
    }

    /**
     * First-fit decreasing of the first {@code perHost x hosts} VMs into {@code hosts} hosts of
     * {@code capacityMb}; null when they do not all fit.
     */
    static Packing firstFitDecreasing(List<TraceVm> trace, Map<String, Long> peaks, int hosts, int perHost,
                                      long capacityMb) {
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < perHost * hosts; i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingLong((Integer i) -> sizeMb(trace.get(i), peaks.get(trace.get(i).vmId())))
                .reversed().thenComparing(i -> i));
        long[] used = new long[hosts];
        Map<Integer, Integer> hostOf = new HashMap<>();
        for (int i : bySize) {
            long size = sizeMb(trace.get(i), peaks.get(trace.get(i).vmId()));
            int host = 0;
            while (host < hosts && used[host] + size > capacityMb) {
                host++;
            }
            if (host == hosts) {
                return null;
            }
            used[host] += size;
            hostOf.put(i, host);
        }
        return new Packing(perHost, hostOf);
    }

    /** The most VMs per host first-fit decreasing can pack, by the sizes alone. */
    static Packing largest(List<TraceVm> trace, Map<String, Long> peaks, int hosts, long capacityMb) {
        Packing best = null;
        for (int perHost = 1; perHost * hosts <= trace.size(); perHost++) {
            Packing packing = firstFitDecreasing(trace, peaks, hosts, perHost, capacityMb);
            if (packing == null) {
                break;
            }
            best = packing;
        }
        return best;
    }
}
