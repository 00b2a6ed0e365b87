package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyper-V's per-host Dynamic Memory balancer, run every second over the VMs whose balloon driver reports
 * (a model built on Microsoft's Dynamic Memory documentation, which does not publish the formula; the
 * engine README explains it):
 * <ol>
 *   <li>target = demand x (1 + buffer), rounded up to 128 MB, within minimum and maximum (balloon-only guests
 *       cannot grow past startup);</li>
 *   <li>shrink first: VMs above target give memory back through the balloon, never below minimum or the guest's
 *       floor;</li>
 *   <li>grow: if free memory covers every grower, all get their target; otherwise demand first by priority,
 *       then buffers shared by priority weight, and VMs of the same or lower priority above their demand are
 *       ballooned toward it so that the unmet demand can be met next round.</li>
 * </ol>
 * Pure: it plans moves; the host applies them through each guest's balloon driver.
 */
final class HostMemoryBalancer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One VM as the balancer sees it, in MB. */
    record Entry(String vmId, long demandMb, long assignedMb, long startupMb, long minimumMb, long maximumMb,
                 int bufferPercent, int priority, boolean canHotAdd, long floorMb) {

        long target() {
            long wanted = roundUp128((long) Math.ceil(demandMb * (1 + bufferPercent / 100.0)));
            long ceiling = canHotAdd ? maximumMb : Math.min(maximumMb, startupMb);
            return Math.max(minimumMb, Math.min(ceiling, wanted));
        }

        /** The least this VM may hold: its minimum, and never below what its guest keeps as floor. */
        long lowest() {
            return Math.max(minimumMb, floorMb);
        }

        long demandCapped() {
            return Math.min(demandMb, canHotAdd ? maximumMb : Math.min(maximumMb, startupMb));
        }
    }

    /** Memory to move: negative reclaims from the VM (balloon), positive gives to it. */
    record Move(String vmId, long deltaMb) {
    }

    /** Step 2: VMs above their target give back the surplus, never below their lowest. */
    static List<Move> shrinks(List<Entry> vms) {
        List<Move> moves = new ArrayList<>();
        for (Entry vm : vms) {
            long surplus = Math.min(vm.assignedMb() - vm.target(), vm.assignedMb() - vm.lowest());
            if (surplus >= BalloonDriver.GRANULE_MB) {
                moves.add(new Move(vm.vmId(), -surplus));
            }
        }
        return moves;
    }

    /** Step 3: share {@code freeMb} among the VMs below their target; may also plan contention reclaims. */
    static List<Move> grows(List<Entry> vms, long freeMb) {
        List<Entry> growers = vms.stream().filter(vm -> vm.target() > vm.assignedMb())
                .sorted(Comparator.comparingInt(Entry::priority).reversed().thenComparing(Entry::vmId))
                .toList();
        long needed = growers.stream().mapToLong(vm -> vm.target() - vm.assignedMb()).sum();
        Map<String, Long> given = new HashMap<>();
        if (needed <= freeMb) {
            growers.forEach(vm -> given.put(vm.vmId(), vm.target() - vm.assignedMb()));
            return toMoves(given);
        }
        long free = Math.max(0, freeMb);
        // demand first, highest priority first; buffers are the first thing dropped
        for (Entry vm : growers) {
            long want = Math.max(0, vm.demandCapped() - vm.assignedMb());
            long give = Math.min(want, free);
            given.merge(vm.vmId(), give, Long::sum);
            free -= give;
        }
        // what is left goes to buffers in proportion to priority (weight priority + 1, so 0 still counts)
        long totalWeight = growers.stream().mapToLong(vm -> vm.priority() + 1L).sum();
        long pool = free;
        for (Entry vm : growers) {
            long room = vm.target() - vm.assignedMb() - given.getOrDefault(vm.vmId(), 0L);
            long share = totalWeight == 0 ? 0 : pool * (vm.priority() + 1L) / totalWeight;
            long give = Math.min(room, Math.min(share, free));
            given.merge(vm.vmId(), give, Long::sum);
            free -= give;
        }
        List<Move> moves = toMoves(given);
        moves.addAll(contentionReclaims(vms, growers, given));
        return moves;
    }

    /**
     * When a VM's demand is still unmet, VMs of the same or lower priority holding more than their demand are
     * ballooned toward it (never below their lowest): buffers are the first thing dropped, and a lower priority
     * never keeps memory a higher one needs. The freed memory is given out next round.
     */
    private static List<Move> contentionReclaims(List<Entry> vms, List<Entry> growers, Map<String, Long> given) {
        int starvedPriority = growers.stream()
                .filter(vm -> vm.assignedMb() + given.getOrDefault(vm.vmId(), 0L) < vm.demandCapped())
                .mapToInt(Entry::priority).max().orElse(-1);
        if (starvedPriority < 0) {
            return List.of();
        }
        List<Move> reclaims = new ArrayList<>();
        for (Entry vm : vms) {
            if (vm.priority() <= starvedPriority && given.getOrDefault(vm.vmId(), 0L) == 0) {
                long surplus = vm.assignedMb() - Math.max(vm.lowest(), roundUp128(vm.demandMb()));
                if (surplus >= BalloonDriver.GRANULE_MB) {
                    reclaims.add(new Move(vm.vmId(), -surplus));
                }
            }
        }
        return reclaims;
    }

    private static List<Move> toMoves(Map<String, Long> given) {
        List<Move> moves = new ArrayList<>();
        given.forEach((vmId, mb) -> {
            if (mb > 0) {
                moves.add(new Move(vmId, mb));
            }
        });
        moves.sort(Comparator.comparing(Move::vmId));
        return moves;
    }

    static long roundUp128(long mb) {
        return (mb + 127) / 128 * 128;
    }

    private HostMemoryBalancer() {
    }
}
