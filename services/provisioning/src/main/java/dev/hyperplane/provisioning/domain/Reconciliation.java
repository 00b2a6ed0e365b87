package dev.hyperplane.provisioning.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what provisioning believes about the VMs of one host with the host's own inventory report and says
 * what to correct. Pure: the caller reads both sides and sends each correction to its VM, which checks it again
 * against its own state (so a correction that raced with a newer event changes nothing).
 * <p>
 * Only settled beliefs are judged: a VM in a transitional state (an operation or its creation under way) is left
 * to its deadline, and so is one whose last change is younger than the grace period, which covers a report that
 * was taken before the change reached the host. A host that falls silent is not judged: its VMs become Unknown
 * ({@link #silent}), never Lost, and its next report after the grace period finds them or loses them.
 */
public final class Reconciliation {

    /** The host states that mean a VM is powered on, or on its way, and those that mean it is off. */
    private static final Set<String> ON = Set.of("Running", "Starting", "Resetting", "Paused", "Resuming");
    private static final Set<String> OFF = Set.of("Off", "Saved");
    /** What a host's report confirms or corrects; a VM in any other state is left to its deadline. */
    private static final Set<String> SETTLED = Set.of("Running", "Stopped");
    private static final Set<String> SILENT_OR_SETTLED = Set.of("Running", "Stopped", "Unknown");

    /**
     * What provisioning believes about one VM.
     *
     * @param state     its state in the read model: Running, Stopped, Lost, Unknown, Failed, Deleted, or a
     *                  transitional one
     * @param changedAt when that state was last written
     */
    public record Believed(String vmId, String hostId, String state, Instant changedAt) {
    }

    /**
     * @param kind     {@code tear-down}, {@code lost}, {@code found}, {@code state} or {@code host}
     * @param newState the VM's state after the correction (its present state for a tear-down)
     */
    public record Correction(String vmId, String kind, String newState, String reason) {
    }

    private Reconciliation() {
    }

    /**
     * @param believed what provisioning believes about the VMs recorded on this host and the VMs the host reports
     * @param reported each VM the host runs, with its state as the host names it
     * @param reportAt when the host took the report
     */
    public static List<Correction> compare(String hostId, Map<String, Believed> believed, Map<String, String> reported,
                                           Instant reportAt, Duration grace) {
        List<Correction> corrections = new ArrayList<>();
        for (Believed vm : believed.values()) {
            if (vm.changedAt().isAfter(reportAt.minus(grace))) {
                continue; // the report may predate the change
            }
            String onHost = reported.get(vm.vmId());
            if (onHost != null) {
                corrections.addAll(present(hostId, vm, onHost));
            } else if (hostId.equals(vm.hostId()) && SILENT_OR_SETTLED.contains(vm.state())) {
                corrections.add(new Correction(vm.vmId(), "lost", "Lost", "host " + hostId + " reports no VM "
                        + vm.vmId() + " while it was " + vm.state()));
            }
        }
        return corrections;
    }

    /**
     * A host fell silent (inventory stopped hearing it): each Running or Stopped VM recorded on it becomes Unknown,
     * as a {@code state} correction. It may run on, or not: only its next report (or fencing, for HA) can tell.
     */
    public static List<Correction> silent(String hostId, Map<String, Believed> believed, String why) {
        List<Correction> corrections = new ArrayList<>();
        for (Believed vm : believed.values()) {
            if (hostId.equals(vm.hostId()) && SETTLED.contains(vm.state())) {
                corrections.add(new Correction(vm.vmId(), "state", "Unknown", "host " + hostId + " fell silent ("
                        + why + "): whether VM " + vm.vmId() + " still runs is unknown until it reports"));
            }
        }
        return corrections;
    }

    private static List<Correction> present(String hostId, Believed vm, String onHost) {
        String on = "host " + hostId + " runs VM " + vm.vmId() + " (" + onHost + ")";
        switch (vm.state()) {
            case "Failed", "Deleted" -> {
                return List.of(new Correction(vm.vmId(), "tear-down", vm.state(), on + " though it is "
                        + vm.state() + ": removed from the host, never adopted"));
            }
            case "Running", "Stopped", "Lost", "Unknown" -> {
                String settled = ON.contains(onHost) ? "Running" : OFF.contains(onHost) ? "Stopped" : null;
                if (settled == null) {
                    return List.of(); // stopping or saving: wait for the host to settle
                }
                if (!hostId.equals(vm.hostId())) {
                    return List.of(new Correction(vm.vmId(), "host", settled, on + ", not on " + vm.hostId()
                            + " as recorded"));
                }
                if (vm.state().equals("Lost") || vm.state().equals("Unknown")) {
                    return List.of(new Correction(vm.vmId(), "found", settled, on + " again after it was "
                            + vm.state()));
                }
                if (!settled.equals(vm.state())) {
                    return List.of(new Correction(vm.vmId(), "state", settled, on + " while it was recorded "
                            + vm.state()));
                }
                return List.of();
            }
            default -> {
                return List.of(); // requested, placed or an operation under way: its deadline decides
            }
        }
    }
}
