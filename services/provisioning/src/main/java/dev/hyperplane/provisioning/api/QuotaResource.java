package dev.hyperplane.provisioning.api;

import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import dev.hyperplane.provisioning.query.Quotas;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants' quotas: what they may use, and what they use. */
@Path("/api/v1/tenants/{tenantId}/quota")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenants", description = "Tenant quotas")
@SecurityRequirement(name = "bearer")
public class QuotaResource {

    /** Limits and current use. {@code defaultQuota} is true until a fleet admin sets the tenant's own. */
    public record QuotaView(String tenantId, Limits limits, Quotas.Usage usage, boolean defaultQuota) {
    }

    @Schema(example = """
            {"vcpus": 128, "memoryMb": 524288, "vms": 100}""")
    public record Limits(@NotNull @Min(0) @Max(1_000_000) Integer vcpus,
                         @NotNull @Min(0) Long memoryMb,
                         @NotNull @Min(0) @Max(1_000_000) Integer vms) {
    }

    @Inject
    Quotas quotas;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getTenantQuota", summary = "A tenant's quota and usage", description = "Usage counts every VM that is not Failed or "
            + "Deleted (startup memory), a resize in flight at its larger size.")
    @APIResponse(responseCode = "200", description = "Limits and usage")
    @APIResponse(responseCode = "404", description = "Another tenant's quota (tenant tokens)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public QuotaView get(@PathParam("tenantId") @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String tenantId) {
        caller.tenantFilter(tenantId);
        return view(tenantId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FLEET_ADMIN)
    @Operation(operationId = "setTenantQuota", summary = "Set a tenant's quota", description = "Existing VMs are kept even if they exceed it; new "
            + "VMs and resizes are refused until usage is below it.")
    @APIResponse(responseCode = "200", description = "The quota as set")
    @APIResponse(responseCode = "400", description = "Invalid limits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public QuotaView set(@PathParam("tenantId") @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String tenantId,
                         @NotNull(message = "a JSON body is required") @Valid Limits limits) {
        quotas.set(new Quotas.Quota(tenantId, limits.vcpus(), limits.memoryMb(), limits.vms(), false), caller.name());
        return view(tenantId);
    }

    private QuotaView view(String tenantId) {
        Quotas.Quota quota = quotas.quota(tenantId);
        return new QuotaView(tenantId, new Limits(quota.maxVcpus(), quota.maxMemoryMb(), quota.maxVms()),
                quotas.usage(tenantId, null), quota.isDefault());
    }
}
