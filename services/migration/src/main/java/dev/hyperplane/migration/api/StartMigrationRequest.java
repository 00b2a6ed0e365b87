package dev.hyperplane.migration.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an operator sends to move a VM. */
@Schema(description = "A live migration to start", example = """
        {"vmId": "0b8f7c1e-4f1a-4e55-9c2f-1f0d3c2b9a77", "targetHostId": "agent-1-host-02", "policy": "minimal-downtime"}""")
public record StartMigrationRequest(
        @NotBlank @Size(max = 64) String vmId,
        @Schema(description = "The destination; absent: placement chooses one with the same rules as for new VMs")
        @Size(max = 64) String targetHostId,
        @Schema(description = "A convergence policy of GET /api/v1/migration-policies; default minimal-downtime")
        @Size(max = 64) @Pattern(regexp = "[a-z-]+", message = "a policy id such as minimal-downtime") String policy,
        @Schema(description = "live (the VM runs on while its memory is copied) or quick (saved, moved over the "
                + "shared storage and restored: down for the save and the restore, for a VM that cannot converge); "
                + "default: as the VM's migration mode allows (quick for a quick-only VM, live otherwise)")
        @Pattern(regexp = "live|quick", message = "live or quick") String mode) {
}
