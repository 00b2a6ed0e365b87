package dev.hyperplane.migration.command;

import java.util.List;

/**
 * The VMs of a fenced host HA restarts, with their priority, in the order they are asked for (not public: the
 * requests and their ends are).
 */
public record HaRestartsPlanned(String hostId, String incidentId, List<Planned> vms) {

    public record Planned(String vmId, String haPriority) {
    }
}
