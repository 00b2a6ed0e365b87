package dev.hyperplane.migration.domain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a live migration converges, after oVirt's migration policies (which the engine hands VDSM as a convergence
 * schedule): the downtime allowed after each pre-copy pass, how many passes without shrinking count as a stall
 * (which moves to the next step at once), what happens after the last step, and how many of a host's migrations may
 * run at once under it. The hypervisor agent's engine applies the schedule pass by pass.
 *
 * @param allowedDowntimeMs  one step per pass
 * @param stallWindow        passes without shrinking that count as a stall
 * @param finalStopAndCopyMs after the last step: pause the guest and copy the rest if it takes at most this long;
 *                           0 aborts instead
 * @param perHost            migrations a source host runs at once under this policy (Hyper-V's default is 2)
 */
public record MigrationPolicy(String id, String description, List<Long> allowedDowntimeMs, int stallWindow,
                             long finalStopAndCopyMs, int perHost) {

    public static final MigrationPolicy MINIMAL_DOWNTIME = new MigrationPolicy("minimal-downtime",
            "The allowed downtime rises 100 -> 150 -> 200 -> 300 -> 400 -> 500 ms over the passes; a migration that "
                    + "still does not fit is aborted and the VM runs on where it was. For VMs whose users must not "
                    + "notice a move.",
            List.of(100L, 150L, 200L, 300L, 400L, 500L), 2, 0, 2);
    public static final MigrationPolicy SUSPEND_WORKLOAD_IF_NEEDED = new MigrationPolicy("suspend-workload-if-needed",
            "The allowed downtime rises 150 -> 500 ms over the passes, then the guest is paused for a stop-and-copy "
                    + "of up to 5 s: busy VMs move too, at the price of a longer pause. One migration per host at "
                    + "a time, so each gets the whole link.",
            List.of(150L, 200L, 300L, 400L, 500L), 2, 5_000, 1);

    public static final List<MigrationPolicy> ALL = List.of(MINIMAL_DOWNTIME, SUSPEND_WORKLOAD_IF_NEEDED);

    public static Optional<MigrationPolicy> of(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The allowed downtime after pass {@code pass} (1-based), before any stall skips a step. */
    public long allowedAfterPass(int pass) {
        return allowedDowntimeMs.get(Math.min(Math.max(pass, 1), allowedDowntimeMs.size()) - 1);
    }

    public static String ids() {
        return ALL.stream().map(MigrationPolicy::id).collect(Collectors.joining(", "));
    }
}
