package dev.hyperplane.backup.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How to restore a restore point. */
@Schema(name = "RestoreRequest", example = """
        {"mode": "new-vm", "name": "web-1-restored"}""")
public record RestoreRequest(
        @Schema(description = "new-vm: a new VM (new id) with the point's configuration and disks, created through "
                + "provisioning like any VM (quota and placement apply); in-place: the point's own VM is turned off, "
                + "its disks replaced and started again", enumeration = {"new-vm", "in-place"})
        @NotNull(message = "new-vm or in-place") @Pattern(regexp = "new-vm|in-place", message = "new-vm or in-place")
        String mode,
        @Schema(description = "The new VM's name (new-vm only); default: the VM's name with -restored")
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                message = "letters, digits, dots, dashes and underscores")
        String name) {
}
