package dev.hyperplane.backup.api;

import dev.hyperplane.backup.command.DeleteBackupPolicy;
import dev.hyperplane.backup.command.SetBackupPolicy;
import dev.hyperplane.backup.command.SetPolicyAssignments;
import dev.hyperplane.backup.domain.BackupSchedule;
import dev.hyperplane.backup.query.BackupPolicies;
import dev.hyperplane.backup.query.BackupPolicyView;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backup policies: a tenant's own (its tenant admins write them) and the fleet's (fleet admins write them; every
 * tenant sees and may follow them). A VM follows the policy that names it, else its tenant's default, else the
 * fleet's default.
 */
@Path("/api/v1/backup-policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backup policies", description = "When VMs are backed up, how consistently, and which restore points are kept")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "404", description = "No such policy, or another tenant's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BackupPoliciesResource {
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
    private static final String NAME_RULE = "lower-case letters, digits and dashes, at most 63";

    @Inject
    BackupPolicies policies;
    @Inject
    BackupVms vms;
    @Inject
    CommandGateway commands;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "listBackupPolicies", summary = "Backup policies, by id", description = "A tenant's "
            + "callers see its own policies and the fleet's; a fleet admin sees every policy, or those a tenant sees "
            + "with tenant=.")
    @APIResponse(responseCode = "200", description = "A page of policies")
    public Page<BackupPolicyView> list(@QueryParam("tenant") String tenant, @QueryParam("limit") Integer limit,
                                       @QueryParam("cursor") String cursor) {
        int pageSize = Page.limit(limit);
        return Page.of(policies.list(caller.tenantFilter(tenant), cursor, pageSize + 1), pageSize,
                BackupPolicyView::policyId);
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getBackupPolicy", summary = "A backup policy", description = "A tenant's own policy of "
            + "that name, else the fleet's; a fleet admin names the tenant with tenant= (none: the fleet's).")
    @APIResponse(responseCode = "200", description = "The policy, with its next scheduled run and the VMs it names")
    public BackupPolicyView get(@PathParam("name") String name, @QueryParam("tenant") String tenant) {
        return visible(name, tenant).orElseThrow(() -> ProblemException.notFound("backup policy", name));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "setBackupPolicy", summary = "Create or change a backup policy", description = "A "
            + "tenant admin writes the tenant's policies; a fleet admin writes the fleet's, or a tenant's with "
            + "tenant=. Retention follows Proxmox Backup Server's prune options: the newest N points (keepLast), "
            + "then the newest point of each of the N newest hours, days, ISO weeks, months and years that have "
            + "one, each option reaching past what the ones before it kept, in the policy's time zone; protected "
            + "points are always kept; no option set keeps everything.")
    @APIResponse(responseCode = "200", description = "The policy as set")
    @APIResponse(responseCode = "400", description = "No JSON body, or a field out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A schedule or time zone that cannot be read, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BackupPolicyView set(@PathParam("name") @Parameter(description = NAME_RULE) String name,
                                @QueryParam("tenant") String tenant,
                                @NotNull(message = "a JSON body is required") @Valid BackupPolicyRequest request) {
        requireName(name);
        String owner = owner(tenant);
        String zone = request.timeZone() == null ? "UTC" : request.timeZone();
        BackupSchedule schedule = schedule(request.schedule(), zone);
        BackupPolicyRequest.RetentionRequest r = request.retention() == null
                ? new BackupPolicyRequest.RetentionRequest(null, null, null, null, null, null) : request.retention();
        String policyId = BackupPolicies.policyId(owner, name);
        commands.sendAndWait(new SetBackupPolicy(policyId, owner, name, schedule.expression(),
                schedule.zone().getId(), request.windowMinutes() == null ? 240 : request.windowMinutes(),
                request.consistency() == null ? "application" : request.consistency(), or0(r.keepLast()),
                or0(r.keepHourly()), or0(r.keepDaily()), or0(r.keepWeekly()), or0(r.keepMonthly()),
                or0(r.keepYearly()), caller.name()));
        return policies.find(policyId).orElseThrow();
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "deleteBackupPolicy", summary = "Delete a backup policy", description = "Its VMs follow "
            + "their tenant's default policy, or the fleet's, from now on; their restore points stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("name") String name, @QueryParam("tenant") String tenant) {
        String policyId = BackupPolicies.policyId(owner(tenant), name);
        policies.find(policyId).orElseThrow(() -> ProblemException.notFound("backup policy", name));
        commands.sendAndWait(new DeleteBackupPolicy(policyId, caller.name()));
        return Response.noContent().build();
    }

    @PUT
    @Path("/{name}/assignments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "setBackupPolicyAssignments", summary = "Set which VMs a policy governs",
            description = "Replaces the VMs it names (each the tenant's own for a tenant's policy) and whether it is "
                    + "its tenant's default (tenant policies) or the fleet's (fleet policies, fleet admins only). "
                    + "A VM follows the policy that names it, else its tenant's default, else the fleet's; where "
                    + "two compete, the one set last.")
    @APIResponse(responseCode = "200", description = "The policy with its assignments")
    @APIResponse(responseCode = "422", description = "A VM that is not the tenant's, or a default the policy cannot "
            + "be, each with its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BackupPolicyView assign(@PathParam("name") String name, @QueryParam("tenant") String tenant,
                                   @NotNull(message = "a JSON body is required") @Valid AssignmentsRequest request) {
        String owner = owner(tenant);
        String policyId = BackupPolicies.policyId(owner, name);
        policies.find(policyId).orElseThrow(() -> ProblemException.notFound("backup policy", name));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.vmIds().size(); i++) {
            String vmId = request.vmIds().get(i);
            boolean ours = vmId != null && vms.find(vmId).map(vm -> owner == null || owner.equals(vm.tenantId()))
                    .orElse(false);
            if (!ours) {
                errors.add(new Problem.FieldError("vmIds[" + i + "]", "no VM " + vmId + (owner == null ? ""
                        : " of tenant " + owner)));
            }
        }
        boolean tenantDefault = Boolean.TRUE.equals(request.tenantDefault());
        boolean fleetDefault = Boolean.TRUE.equals(request.fleetDefault());
        if (tenantDefault && owner == null) {
            errors.add(new Problem.FieldError("tenantDefault", "a fleet policy is the fleet's default, not a tenant's"));
        }
        if (fleetDefault && owner != null) {
            errors.add(new Problem.FieldError("fleetDefault", "only a fleet policy can be the fleet's default"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fields(422, "invalid-assignments", "Invalid assignments", errors);
        }
        commands.sendAndWait(new SetPolicyAssignments(policyId, request.vmIds(), tenantDefault, fleetDefault,
                caller.name()));
        return policies.find(policyId).orElseThrow();
    }

    /** The tenant-scoped caller's own policy of that name, else the fleet's; a fleet admin's pick. */
    private Optional<BackupPolicyView> visible(String name, String tenant) {
        if (caller.isFleetAdmin()) {
            return policies.find(BackupPolicies.policyId(tenant, name));
        }
        String own = caller.tenantFilter(tenant);
        return policies.find(BackupPolicies.policyId(own, name))
                .or(() -> policies.find(BackupPolicies.policyId(null, name)));
    }

    /** Whose policy a write is about: a tenant admin's own tenant; a fleet admin's tenant=, or the fleet (null). */
    private String owner(String tenant) {
        return caller.isFleetAdmin() ? tenant : caller.tenantFilter(tenant);
    }

    private static void requireName(String name) {
        if (!name.matches(NAME)) {
            throw ProblemException.invalidField(400, "name", NAME_RULE);
        }
    }

    private static BackupSchedule schedule(String expression, String zone) {
        try {
            return BackupSchedule.of(expression.trim(), zone);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw ProblemException.invalidField(422, message.substring(0, colon), message.substring(colon + 1).trim());
        }
    }

    private static int or0(Integer value) {
        return value == null ? 0 : value;
    }
}
