package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.Map;

/** What a live migration carries to the destination host: the VM's definition and its running state. */
public record MigratedVm(String vmId, VmSpec spec, long assignedMb, long heartbeatSequence,
                         Map<String, String> externalKvp) implements Serializable {
}
