package dev.hyperplane.migration.domain;

import dev.hyperplane.placement.HaPriority;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which VMs of a fenced host HA restarts elsewhere, and in which order: by the VM's HA priority, higher tiers first
 * (a tier's VMs all asked for at once, the next tier once every VM of it is done), and within a tier by id, so a
 * replay asks in the same order. A VM with priority {@code off} is not restarted, nor one that was not running
 * when its host failed (stopped; or still being created there, which its creation deadline decides).
 */
public final class HaRestartPlan {
    /** The states in which a VM ran, or may have run, on its host when it failed. */
    private static final Set<String> RAN = Set.of("Running", "Unknown", "Lost", "Moving");

    /** A VM the migration service believes was on the failed host. */
    public record VmOnHost(String vmId, String state, HaPriority priority) {
    }

    public record Restart(String vmId, HaPriority priority) {
    }

    public record NotRestarted(String vmId, String reason) {
    }

    /** @param restarts in the order they are asked for */
    public record Plan(List<Restart> restarts, List<NotRestarted> notRestarted) {
    }

    public static Plan of(List<VmOnHost> vms) {
        List<Restart> restarts = new ArrayList<>();
        List<NotRestarted> skipped = new ArrayList<>();
        for (VmOnHost vm : vms) {
            if (vm.priority() == HaPriority.OFF) {
                skipped.add(new NotRestarted(vm.vmId(), "its HA priority is off"));
            } else if (!RAN.contains(vm.state())) {
                skipped.add(new NotRestarted(vm.vmId(), "it was " + vm.state() + ", not running, when the host "
                        + "failed"));
            } else {
                restarts.add(new Restart(vm.vmId(), vm.priority()));
            }
        }
        restarts.sort(Comparator.comparing(Restart::priority).thenComparing(Restart::vmId));
        skipped.sort(Comparator.comparing(NotRestarted::vmId));
        return new Plan(List.copyOf(restarts), List.copyOf(skipped));
    }

    private HaRestartPlan() {
    }
}
