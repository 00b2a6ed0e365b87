package dev.hyperplane.provisioning.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a hosting panel sends to create a VM. */
@Schema(description = "A new VM", example = """
        {"tenantId": "acme", "name": "web-1", "vcpus": 2, "memoryMb": 4096,
         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""")
public record CreateVmRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "lower-case letters, digits and dashes")
        String tenantId,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, dots, dashes and underscores")
        String name,
        @NotNull @Min(1) @Max(240) Integer vcpus,
        @NotNull @Min(value = 32, message = "must be at least 32 MB") @Max(value = 12_582_912, message = "must be at most 12 TB")
        Long memoryMb,
        @NotNull @Valid GuestOsRequest guestOs) {

    /** The operating system the VM will run. */
    public record GuestOsRequest(
            @NotNull @Pattern(regexp = "windows|linux", message = "must be windows or linux") String family,
            @NotBlank @Size(max = 64) String distribution,
            @NotBlank @Size(max = 64) String version) {
    }
}
