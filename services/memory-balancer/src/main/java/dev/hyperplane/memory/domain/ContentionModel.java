package dev.hyperplane.memory.domain;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a host divides its memory among its VMs once the balancer has settled, by the rules Microsoft documents
 * (Hyper-V Dynamic Memory documentation, memory weight and buffer): every VM keeps its floor (minimum, or startup when static);
 * demand is met next, higher weight first; buffers are the first thing dropped and share what is left in
 * proportion to weight. No VM ever goes below its floor or above its ceiling (maximum; startup when balloon-only).
 * <p>
 * The engine runs Hyper-V's balancer second by second; this is the steady state the fleet balancer plans with:
 * which VMs a host starves, and whether a destination can take a VM without starving its own.
 */
public final class ContentionModel {

    /** What each VM would hold, by VM id. */
    public static Map<String, Long> shares(HostSnapshot host) {
        List<VmSnapshot> vms = host.vms();
        Map<String, Long> share = new LinkedHashMap<>();
        long free = host.capacityMb();
        for (VmSnapshot vm : vms) {
            share.put(vm.vmId(), vm.floorMb());
            free -= vm.floorMb();
        }
        List<VmSnapshot> byWeight = vms.stream()
                .sorted(Comparator.comparingInt(VmSnapshot::weight).reversed().thenComparing(VmSnapshot::vmId))
                .toList();
        for (VmSnapshot vm : byWeight) {
            long give = Math.max(0, Math.min(vm.needMb() - share.get(vm.vmId()), free));
            share.merge(vm.vmId(), give, Long::sum);
            free -= give;
        }
        // buffers share what is left in proportion to weight (+1, so weight 0 still counts); what a full VM
        // cannot take goes round again, as Hyper-V's next balancing second would give it
        boolean gave = true;
        while (free > 0 && gave) {
            List<VmSnapshot> growing = byWeight.stream().filter(vm -> vm.targetMb() > share.get(vm.vmId())).toList();
            long totalWeight = growing.stream().mapToLong(vm -> vm.weight() + 1L).sum();
            long pool = free;
            gave = false;
            for (VmSnapshot vm : growing) {
                long portion = Math.max(1, pool * (vm.weight() + 1L) / totalWeight);
                long give = Math.min(vm.targetMb() - share.get(vm.vmId()), Math.min(free, portion));
                if (give > 0) {
                    share.merge(vm.vmId(), give, Long::sum);
                    free -= give;
                    gave = true;
                }
            }
        }
        return share;
    }

    /** The VMs whose share falls short of their need: they would page, by VM id with the MB missing. */
    public static Map<String, Long> shortfalls(HostSnapshot host) {
        Map<String, Long> shares = shares(host);
        Map<String, Long> shortfall = new LinkedHashMap<>();
        for (VmSnapshot vm : host.vms()) {
            long missing = vm.needMb() - shares.get(vm.vmId());
            if (missing > 0) {
                shortfall.put(vm.vmId(), missing);
            }
        }
        return shortfall;
    }

    private ContentionModel() {
    }
}
