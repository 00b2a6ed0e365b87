package dev.hyperplane.migration.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a host that keeps failing is quarantined, as Windows Server failover clusters (2016 and later) do it: a host
 * that failed {@code failures} times within {@code window} (3 within an hour by default) takes no VM for
 * {@code duration} (2 hours by default), and the VMs it runs when it reports again are moved away. A failure is an
 * HA incident: a host that fell silent while its agent was alive. An agent restart is not one.
 *
 * @param failures failures within the window that quarantine the host, the last one included; 0 turns it off
 * @param window   the window the failures are counted in
 * @param duration how long a quarantine lasts unless an operator clears it earlier
 */
public record HostQuarantine(int failures, Duration window, Duration duration) {
    /** The failures before {@code now} that still count: those within the window. */
    public List<Instant> recent(List<Instant> failed, Instant now) {
        Instant from = now.minus(window);
        return failed.stream().filter(at -> at.isAfter(from)).toList();
    }

    /** Whether a failure at {@code now}, after the earlier ones, quarantines the host. */
    public boolean quarantines(List<Instant> earlier, Instant now) {
        return failures > 0 && recent(earlier, now).size() + 1 >= failures;
    }
}
