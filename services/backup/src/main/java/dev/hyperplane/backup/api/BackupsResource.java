package dev.hyperplane.backup.api;

import dev.hyperplane.backup.command.RequestBackup;
import dev.hyperplane.backup.domain.BackupSettings;
import dev.hyperplane.backup.query.BackupPolicies;
import dev.hyperplane.backup.query.BackupPolicyView;
import dev.hyperplane.backup.query.BackupView;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.backup.query.Repository;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Backup jobs: on demand, and those the schedule started; tenants see their own VMs' only. */
@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups", description = "Backup jobs and the restore points they make")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "404", description = "No such backup or VM, or another tenant's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class BackupsResource {
    private static final Set<String> STATES = Set.of("queued", "running", "completed", "failed");

    @Inject
    Backups backups;
    @Inject
    BackupVms vms;
    @Inject
    BackupPolicies policies;
    @Inject
    BackupSettings settings;
    @Inject
    CommandGateway commands;
    @Inject
    Caller caller;
    @Inject
    Clock clock;
    @Inject
    Repository repository;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "requestBackup", summary = "Back a VM up now", description = "Queued behind the "
            + "backups running (two per host and a fleet-wide limit by default), then taken on the VM's host: "
            + "application-consistent for Windows guests, file-system-consistent for Linux guests with live backup "
            + "whose backup daemon answers, crash-consistent otherwise with the reason. It fails if it cannot start "
            + "within the queue timeout.")
    @APIResponse(responseCode = "202", description = "Queued; Location is the backup",
            content = @Content(schema = @Schema(implementation = BackupView.class)))
    @APIResponse(responseCode = "400", description = "No JSON body, or a field out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response request(@NotNull(message = "a JSON body is required") @Valid BackupRequest request) {
        BackupVms.Vm vm = vms.find(request.vmId()).filter(v -> caller.canSee(v.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("VM", request.vmId()));
        Optional<BackupPolicyView> policy = policies.governing(vm.vmId(), vm.tenantId());
        String consistency = request.consistency() != null ? request.consistency()
                : policy.map(BackupPolicyView::consistency).orElse("crash");
        String backupId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestBackup(backupId, vm.vmId(), vm.tenantId(),
                policy.map(BackupPolicyView::policyId).orElse(null), "on-demand", consistency, null,
                clock.instant().plus(settings.queueTimeout()), caller.name()));
        return Response.accepted(get(backupId)).location(URI.create("/api/v1/backups/" + backupId)).build();
    }

    @GET
    @Path("/repository")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getBackupRepository", summary = "The backup repository: capacity, use, per tenant",
            description = "A fleet admin sees the capacity, what the restore points hold and what is free, and each "
                    + "tenant's use (for billing); a tenant's caller sees its own use only. A backup that does not "
                    + "fit fails with the reason and raises a repository-full alert.")
    @APIResponse(responseCode = "200", description = "The repository")
    public Repository.View repository() {
        return repository.view(caller.isFleetAdmin() ? null : caller.tenantFilter(null));
    }

    @GET
    @Path("/{backupId}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getBackup", summary = "A backup", description = "Queued, running, completed (with its "
            + "restore point) or failed (with the reason).")
    @APIResponse(responseCode = "200", description = "The backup")
    public BackupView get(@PathParam("backupId") String backupId) {
        return backups.find(backupId).filter(b -> caller.canSee(b.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("backup", backupId));
    }

    @GET
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "listBackups", summary = "Backups, newest first", description = "Filter by VM and "
            + "state; a tenant's callers see its VMs' backups only.")
    @APIResponse(responseCode = "200", description = "A page of backups")
    @APIResponse(responseCode = "400", description = "A state or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<BackupView> list(@QueryParam("vm") String vmId, @QueryParam("state") String state,
                                 @QueryParam("tenant") String tenant, @QueryParam("limit") Integer limit,
                                 @QueryParam("cursor") String cursor) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalidField(400, "state", "one of queued, running, completed, failed");
        }
        int pageSize = Page.limit(limit);
        return Page.of(backups.list(caller.tenantFilter(tenant), vmId, state, cursor, pageSize + 1), pageSize,
                BackupView::backupId);
    }
}
