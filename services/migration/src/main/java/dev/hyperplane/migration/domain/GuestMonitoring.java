package dev.hyperplane.migration.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * HA's guest monitoring, as vSphere's VM monitoring does it: a running VM whose guest heartbeat has been lost for
 * {@code lostAfter} is hung and is reset, but no more than {@code maxResets} times within {@code window} (then an
 * operator must look). A guest that panicked is writing its crash dump (kdump) and reboots by itself: it is left
 * alone. A guest that never had a heartbeat (no integration services) is never judged: only a lost one counts.
 *
 * @param lostAfter how long the heartbeat must have been lost
 * @param maxResets resets allowed within the window
 * @param window    the window, an hour by default
 */
public record GuestMonitoring(Duration lostAfter, int maxResets, Duration window) {
    /** The heartbeat status of a guest that answered before and stopped. */
    public static final String LOST = "LostCommunication";
    public static final String RUNNING = "Running";

    /** A guest as its host last reported it. */
    public record Guest(String vmId, String hostId, String vmState, String heartbeat, Instant heartbeatSince,
                        boolean panicked, Instant handledLostSince) {
    }

    /** Whether to decide on this guest now: hung for long enough, and this loss not decided on before. */
    public boolean hung(Guest guest, Instant now) {
        return RUNNING.equals(guest.vmState()) && LOST.equals(guest.heartbeat()) && !guest.panicked()
                && guest.heartbeatSince() != null && !guest.heartbeatSince().equals(guest.handledLostSince())
                && !guest.heartbeatSince().plus(lostAfter).isAfter(now);
    }

    /** The resets within the window before {@code now}. */
    public int recentResets(List<Instant> resets, Instant now) {
        Instant from = now.minus(window);
        return (int) resets.stream().filter(at -> at.isAfter(from)).count();
    }

    /** Whether one more reset is allowed now. */
    public boolean allowsReset(List<Instant> resets, Instant now) {
        return recentResets(resets, now) < maxResets;
    }
}
