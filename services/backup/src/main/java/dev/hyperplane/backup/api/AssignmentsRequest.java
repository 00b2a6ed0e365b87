package dev.hyperplane.backup.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Which VMs a policy governs; replaces what it governed before. */
@Schema(name = "BackupPolicyAssignments", example = """
        {"vmIds": ["2f6c1d1e-4b7a-4c2e-9a65-0d2b7f3c1a11"], "tenantDefault": false}""")
public record AssignmentsRequest(
        @Schema(description = "The VMs it governs by name (each the tenant's own; a VM named by two policies follows "
                + "the one set last)")
        @NotNull(message = "a list of VM ids is required (it may be empty)")
        @Size(max = 10000, message = "at most 10000 VMs") List<String> vmIds,
        @Schema(description = "A tenant's policy: whether the tenant's VMs without a policy of their own follow it")
        Boolean tenantDefault,
        @Schema(description = "A fleet policy (fleet admins only): whether every VM without a policy of its own or its "
                + "tenant's follows it")
        Boolean fleetDefault) {
}
