package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.Map;

/**
 * What a migration carries to the destination host: the VM's definition and its state, running (live) or saved to
 * the shared storage (quick: the destination restores it).
 */
public record MigratedVm(String vmId, VmSpec spec, long assignedMb, long heartbeatSequence,
                         Map<String, String> externalKvp, boolean saved) implements Serializable {

    public MigratedVm(String vmId, VmSpec spec, long assignedMb, long heartbeatSequence,
                      Map<String, String> externalKvp) {
        this(vmId, spec, assignedMb, heartbeatSequence, externalKvp, false);
    }
}
