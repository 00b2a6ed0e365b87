package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.MemoryPlan;
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
        {"name": "web-1", "vcpus": 2, "memoryMb": 4096,
         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"},
         "generation": 2, "dynamicMemory": {"minimumMb": 1024, "maximumMb": 8192}, "antiAffinityGroup": "web"}""")
public record CreateVmRequest(
        @Schema(description = "The owning tenant: a fleet admin must name it; for tenant tokens it defaults to the "
                + "token's tenant and may not name another")
        @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "lower-case letters, digits and dashes")
        String tenantId,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, dots, dashes and underscores")
        String name,
        @NotNull @Min(1) @Max(240) Integer vcpus,
        @NotNull @Min(value = 32, message = "must be at least 32 MB") @Max(value = 12_582_912, message = "must be at most 12 TB")
        Long memoryMb,
        @NotNull @Valid GuestOsRequest guestOs,
        @Schema(description = "1 (BIOS, default) or 2 (UEFI)") @Min(1) @Max(2) Integer generation,
        @Schema(description = "UEFI Secure Boot; generation 2 only") Boolean secureBoot,
        @Schema(description = "Dynamic Memory; absent for static memory (memoryMb is then all the VM has)")
        @Valid DynamicMemoryRequest dynamicMemory,
        @Schema(description = "VMs of the tenant with the same group are placed on different hosts")
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, dots, dashes and underscores")
        String antiAffinityGroup,
        @Schema(description = "How the VM may be moved between hosts: live (default; moved while it runs), quick "
                + "(saved, moved, restored: down for the copy) or none (never moved)",
                enumeration = {"live", "quick", "none"})
        @Pattern(regexp = "live|quick|none", message = "live, quick or none")
        String migrationMode,
        @Schema(description = "Where the VM stands when its host fails: high (restarted elsewhere first), medium "
                + "(default), low, or off (never restarted by high availability)",
                enumeration = {"high", "medium", "low", "off"})
        @Pattern(regexp = "high|medium|low|off", message = "high, medium, low or off")
        String haPriority) {

    /** Dynamic Memory around the startup memory ({@code memoryMb}). */
    public record DynamicMemoryRequest(
            @NotNull @Min(32) @Max(value = 12_582_912, message = "must be at most 12 TB") Long minimumMb,
            @Schema(description = "The most the VM may hold; the tenant's memory quota counts it")
            @NotNull @Min(32) @Max(value = 12_582_912, message = "must be at most 12 TB") Long maximumMb,
            @Min(value = 5, message = "must be 5-2000 %") @Max(value = 2000, message = "must be 5-2000 %") Integer bufferPercent,
            @Min(0) @Max(100) Integer priority) {

        /** The plan for startup memory {@code memoryMb}: static without Dynamic Memory settings. */
        static MemoryPlan plan(long memoryMb, DynamicMemoryRequest dynamicMemory) {
            if (dynamicMemory == null) {
                return MemoryPlan.fixed(memoryMb);
            }
            return new MemoryPlan(true, dynamicMemory.minimumMb(), dynamicMemory.maximumMb(),
                    dynamicMemory.bufferPercent() == null ? 20 : dynamicMemory.bufferPercent(),
                    dynamicMemory.priority() == null ? 50 : dynamicMemory.priority());
        }
    }

    public int generationOrDefault() {
        return generation == null ? 1 : generation;
    }

    public boolean secureBootOrDefault() {
        return secureBoot != null && secureBoot;
    }

    public MemoryPlan memoryPlan() {
        return DynamicMemoryRequest.plan(memoryMb, dynamicMemory);
    }

    /**
     * The operating system the VM will run: a catalog id ({@code GET /api/v1/guest-os}), or a family, distribution
     * and version as people write them.
     */
    @Schema(description = "The guest OS: `id` from the guest-OS catalog, or family, distribution and version. Linux "
            + "names resolve to a column of Microsoft's support tables: aliases (CentOS, Red Hat, RHEL, SLES, SUSE, "
            + "Oracle) and a release inside the column's range (Debian 10.2, CentOS 7.8, Ubuntu 20.04) are accepted; "
            + "a built-in column wins over a downloadable-LIS one unless lisSource says otherwise.",
            example = "{\"family\": \"linux\", \"distribution\": \"CentOS\", \"version\": \"7.8\"}")
    @GuestOsNamed
    public record GuestOsRequest(
            @Schema(description = "A catalog id, e.g. ubuntu-20-04-lts-built-in; replaces the other fields")
            @Size(max = 96) String id,
            @Pattern(regexp = "windows|linux", message = "must be windows or linux") String family,
            @Size(max = 64) String distribution,
            @Size(max = 64) String version,
            @Schema(description = "Linux: built-in, or a downloadable LIS release such as LIS 4.3")
            @Size(max = 32) String lisSource,
            @Schema(description = "Oracle Linux: RHCK or UEK")
            @Size(max = 16) String kernel) {
    }
}
