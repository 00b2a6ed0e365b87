package dev.hyperplane.backup.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A restore as the API shows it.
 *
 * @param sourceVmId the VM the restore point was taken of
 * @param vmId       the VM the restore writes: the new VM (new-vm) or the source VM (in-place)
 * @param mode       new-vm or in-place
 * @param state      running, completed or failed
 * @param reason     why it failed
 */
@Schema(name = "Restore", example = """
        {"restoreId": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "restorePointId": "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
         "sourceVmId": "vm-1", "vmId": "vm-2", "tenantId": "acme", "mode": "new-vm", "name": "web-1-restored",
         "state": "completed", "requestedBy": "admin@acme", "requestedAt": "2026-12-03T10:15:30Z",
         "endedAt": "2026-12-03T10:16:02Z", "reason": null}""")
public record RestoreView(String restoreId, String restorePointId, String sourceVmId, String vmId, String tenantId,
                          String mode, String name, String state, String requestedBy, Instant requestedAt,
                          Instant endedAt, String reason) {
}
