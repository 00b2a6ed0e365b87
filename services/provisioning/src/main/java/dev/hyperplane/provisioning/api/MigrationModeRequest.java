package dev.hyperplane.provisioning.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a VM may be moved between hosts from now on. */
@Schema(description = "How the VM may be moved between hosts", example = "{\"migrationMode\": \"quick\"}")
public record MigrationModeRequest(
        @Schema(description = "live (moved while it runs), quick (saved, moved, restored: down for the copy) or none "
                + "(never moved: migrations and evacuations are refused with this as the reason)",
                enumeration = {"live", "quick", "none"})
        @NotNull @Pattern(regexp = "live|quick|none", message = "live, quick or none")
        String migrationMode) {
}
