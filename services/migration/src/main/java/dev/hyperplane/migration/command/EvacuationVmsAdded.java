package dev.hyperplane.migration.command;

import java.util.List;

/** Non-public: VMs the evacuation moves (or cannot), in a phase (out, or back for a return). */
public record EvacuationVmsAdded(String evacuationId, String phase, List<EvacuationVm> vms) {
}
