package dev.hyperplane.backup.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An on-demand backup of one VM. */
@Schema(name = "BackupRequest", example = """
        {"vmId": "2f6c1d1e-4b7a-4c2e-9a65-0d2b7f3c1a11", "consistency": "application"}""")
public record BackupRequest(
        @NotBlank(message = "the VM to back up is required") String vmId,
        @Schema(description = "application: fail with the reason unless the guest gives application or file-system "
                + "consistency; crash: whatever the guest gives, the reason recorded. Default: the VM's policy's, "
                + "else crash")
        @Pattern(regexp = "application|crash", message = "application or crash") String consistency) {
}
