package dev.hyperplane.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * HA admission control, as vSphere's "host failures the cluster tolerates": whether the fleet can restart the VMs
 * of {@code failuresToTolerate} failed hosts on the hosts left. Only VMs HA restarts count (priority not off), by the
 * memory placement reserves for them; memory is what binds (vCPUs are shared).
 * <p>
 * One failure is judged host by host (exact): every available host's VMs must fit, first-fit decreasing, into the
 * free memory of the other available hosts. Several failures at once are judged as the worst case by load: the hosts
 * whose HA-protected VMs hold the most memory fail together (a heuristic; checking every combination grows too fast
 * for a placement decision). That is the rule HA's restart
 * follows (provisioning places each restarted VM where it fits), short of anti-affinity, which a restart keeps and
 * this assessment does not: a fleet whose groups are spread thin may absorb less than it says. Hosts that are not
 * available (unreachable, in maintenance, fenced) neither fail again nor take restarts.
 */
public final class HaReserve {

    /**
     * A host as the reserve sees it.
     *
     * @param allocatableMb memory VMs may use
     * @param reservedMb    memory reserved there (VMs placed, VMs moving in)
     * @param available     may take VMs: reachable, not in maintenance, not fenced
     * @param protectedMb   the memory of each VM there HA would restart
     */
    public record Host(String hostId, long allocatableMb, long reservedMb, boolean available, List<Long> protectedMb) {
        public Host {
            protectedMb = List.copyOf(protectedMb);
        }

        long freeMb() {
            return Math.max(0, allocatableMb - reservedMb);
        }

        long protectedTotalMb() {
            return protectedMb.stream().mapToLong(Long::longValue).sum();
        }

        /** The host with one more VM placed on it. */
        Host with(long memoryMb, boolean isProtected) {
            List<Long> vms = new ArrayList<>(protectedMb);
            if (isProtected) {
                vms.add(memoryMb);
            }
            return new Host(hostId, allocatableMb, reservedMb + memoryMb, available, vms);
        }
    }

    /**
     * What the fleet can absorb.
     *
     * @param failuresAbsorbed how many of the worst host failures its VMs would all restart after
     * @param reserveMb        the memory the VMs of the {@code failuresToTolerate} worst hosts hold, to be kept free
     *                         on the others
     * @param spareMb          the memory free on those others
     * @param reason           why the reserve does not hold; null when it does
     */
    public record Assessment(int failuresToTolerate, int failuresAbsorbed, long reserveMb, long spareMb,
                             String reason) {
        public boolean holds() {
            return failuresAbsorbed >= failuresToTolerate;
        }
    }

    public static Assessment assess(List<Host> hosts, int failuresToTolerate) {
        List<Host> available = hosts.stream().filter(Host::available)
                .sorted(Comparator.comparingLong(Host::protectedTotalMb).reversed().thenComparing(Host::hostId))
                .toList();
        int absorbed = 0;
        List<Host> unabsorbed = List.of();
        while (absorbed < available.size()) {
            unabsorbed = unabsorbed(available, absorbed + 1);
            if (!unabsorbed.isEmpty()) {
                break;
            }
            absorbed++;
        }
        boolean holds = absorbed >= failuresToTolerate;
        List<Host> failed = holds || unabsorbed.isEmpty()
                ? available.subList(0, Math.min(failuresToTolerate, available.size())) : unabsorbed;
        long reserve = failed.stream().mapToLong(Host::protectedTotalMb).sum();
        List<Host> others = available.stream().filter(h -> !failed.contains(h)).toList();
        long spare = others.stream().mapToLong(Host::freeMb).sum();
        String reason = null;
        if (!holds) {
            reason = "the fleet can restart the VMs of " + absorbed + " failed host" + (absorbed == 1 ? "" : "s")
                    + ", not " + failuresToTolerate + ": " + (failed.isEmpty() ? "no host is available"
                    : describe(failed) + " " + reserve + " MB of VMs HA restarts, and " + (others.isEmpty()
                    ? "no other host is available" : "the " + others.size() + " other available host"
                    + (others.size() == 1 ? " has " : "s have ") + spare + " MB free"
                    + (reserve <= spare ? ", not in pieces the VMs fit" : "")));
        }
        return new Assessment(failuresToTolerate, absorbed, reserve, spare, reason);
    }

    /** The fleet as it would be with a VM of {@code memoryMb} placed on {@code hostId}. */
    public static Assessment assessWith(List<Host> hosts, String hostId, long memoryMb, boolean isProtected,
                                        int failuresToTolerate) {
        return assess(hosts.stream().map(h -> h.hostId().equals(hostId) ? h.with(memoryMb, isProtected) : h)
                .toList(), failuresToTolerate);
    }

    /**
     * The failed hosts whose VMs the others cannot take, among {@code failures} failing at once; empty when they
     * can. One failure is judged host by host; several, as the hosts with the most to restart.
     */
    private static List<Host> unabsorbed(List<Host> worstFirst, int failures) {
        List<List<Host>> judged = failures == 1 ? worstFirst.stream().map(List::of).toList()
                : List.of(worstFirst.subList(0, failures));
        for (List<Host> failed : judged) {
            if (!fits(failed, worstFirst.stream().filter(h -> !failed.contains(h)).toList())) {
                return failed;
            }
        }
        return List.of();
    }

    /** Whether the VMs of the failed hosts fit, first-fit decreasing, into the free memory of the others. */
    private static boolean fits(List<Host> failed, List<Host> others) {
        List<Long> vms = failed.stream().flatMap(h -> h.protectedMb().stream()).sorted(Comparator.reverseOrder())
                .toList();
        long[] free = others.stream().mapToLong(Host::freeMb).toArray();
        for (long vm : vms) {
            int bin = 0;
            while (bin < free.length && free[bin] < vm) {
                bin++;
            }
            if (bin == free.length) {
                return false;
            }
            free[bin] -= vm;
        }
        return true;
    }

    private static String describe(List<Host> hosts) {
        return hosts.size() == 1 ? "host " + hosts.get(0).hostId() + " holds"
                : "hosts " + hosts.stream().map(Host::hostId).collect(Collectors.joining(", ")) + " hold";
    }

    private HaReserve() {
    }
}
