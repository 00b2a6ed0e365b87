package dev.hyperplane.backup.api;

import dev.hyperplane.backup.command.DeleteRestorePoint;
import dev.hyperplane.backup.command.ProtectRestorePoint;
import dev.hyperplane.backup.command.RequestRestore;
import dev.hyperplane.backup.command.RestorePointRefused;
import dev.hyperplane.backup.domain.VmConfig;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.backup.query.RestorePointView;
import dev.hyperplane.backup.query.RestoreView;
import dev.hyperplane.backup.query.Restores;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Restore points: what each backup made, and restores of them; tenants see and restore their own VMs' only, also
 * after a VM is deleted.
 */
@Path("/api/v1/restore-points")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "404", description = "No such restore point, or another tenant's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RestorePointsResource {

    @Inject
    Backups backups;
    @Inject
    Caller caller;
    @Inject
    CommandGateway commands;
    @Inject
    BackupVms vms;
    @Inject
    Restores restores;

    @GET
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "listRestorePoints", summary = "Restore points, newest first", description = "Filter "
            + "by VM; each with the time of its checkpoint, the consistency reached and why, full or incremental, "
            + "size, duration, freeze time, host and whether it is protected.")
    @APIResponse(responseCode = "200", description = "A page of restore points")
    public Page<RestorePointView> list(@QueryParam("vm") String vmId, @QueryParam("tenant") String tenant,
                                       @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int pageSize = Page.limit(limit);
        return Page.of(backups.restorePoints(caller.tenantFilter(tenant), vmId, cursor, pageSize + 1), pageSize,
                RestorePointView::restorePointId);
    }

    @GET
    @Path("/{restorePointId}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getRestorePoint", summary = "A restore point", description = "With the content of "
            + "each of its disks (size, allocation, generation): what a restore writes back.")
    @APIResponse(responseCode = "200", description = "The restore point")
    public RestorePointView get(@PathParam("restorePointId") String restorePointId) {
        return backups.restorePoint(restorePointId).filter(p -> caller.canSee(p.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("restore point", restorePointId));
    }

    @POST
    @Path("/{restorePointId}/protect")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "protectRestorePoint", summary = "Protect a restore point", description = "Retention "
            + "never prunes a protected point, and it cannot be deleted until unprotected.")
    @APIResponse(responseCode = "200", description = "The restore point, protected")
    public RestorePointView protect(@PathParam("restorePointId") String restorePointId) {
        return setProtected(restorePointId, true);
    }

    @POST
    @Path("/{restorePointId}/unprotect")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "unprotectRestorePoint", summary = "Unprotect a restore point", description = "Retention "
            + "may prune it again, from the next backup of its VM on.")
    @APIResponse(responseCode = "200", description = "The restore point, unprotected")
    public RestorePointView unprotect(@PathParam("restorePointId") String restorePointId) {
        return setProtected(restorePointId, false);
    }

    @DELETE
    @Path("/{restorePointId}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "deleteRestorePoint", summary = "Delete a restore point", description = "A later "
            + "incremental point that depends on it takes its blocks over first (a synthetic full when it was "
            + "full), so every other point stays restorable.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "It is protected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("restorePointId") String restorePointId) {
        RestorePointView point = get(restorePointId);
        try {
            commands.sendAndWait(new DeleteRestorePoint(point.vmId(), restorePointId, caller.name()));
        } catch (RestorePointRefused e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{restorePointId}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "restoreRestorePoint", summary = "Restore a restore point", description = "As a new "
            + "VM (a new id, the point's configuration and guest, its disks) created through provisioning like any "
            + "VM, so the tenant's quota and placement apply; or in place: the VM is turned off, its disks replaced "
            + "with the point's and started again. A deleted VM's points are restored as new VMs. Follow the "
            + "restore in Location; it ends completed (the VM runs with the point's disks) or failed with the "
            + "reason.")
    @APIResponse(responseCode = "202", description = "Accepted; the restore's own resource",
            headers = @Header(name = "Location", description = "/api/v1/restores/{restoreId}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "400", description = "No mode, or an invalid name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "In place, but the VM is deleted (restore it as a new VM); or "
            + "the point holds no VM configuration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response restore(@PathParam("restorePointId") String restorePointId,
                            @NotNull(message = "a JSON body is required") @Valid RestoreRequest request) {
        RestorePointView point = get(restorePointId);
        Backups.RestoreSource source = backups.restoreSource(restorePointId)
                .orElseThrow(() -> ProblemException.notFound("restore point", restorePointId));
        boolean inPlace = request.mode().equals("in-place");
        Optional<BackupVms.Vm> vm = vms.find(point.vmId());
        if (inPlace && vm.map(v -> v.state().equals("Deleted")).orElse(true)) {
            throw ProblemException.conflict("VM " + point.vmId() + " is deleted; restore the point as a new VM");
        }
        VmConfig config = source.config().or(() -> vm.flatMap(BackupVms.Vm::config)).orElseThrow(() ->
                ProblemException.conflict("restore point " + restorePointId + " holds no VM configuration"));
        String vmName = source.vmName() != null ? source.vmName() : point.vmId();
        String vmId = inPlace ? point.vmId() : UUID.randomUUID().toString();
        String name = inPlace ? vmName : request.name() != null ? request.name()
                : vmName.substring(0, Math.min(vmName.length(), 55)) + "-restored";
        String restoreId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestRestore(restoreId, restorePointId, point.vmId(), vmId, point.tenantId(),
                request.mode(), name, config, point.disks(), caller.name()));
        RestoreView restore = restores.find(restoreId).orElseThrow();
        return Response.accepted(restore).location(URI.create("/api/v1/restores/" + restoreId)).build();
    }

    private RestorePointView setProtected(String restorePointId, boolean value) {
        RestorePointView point = get(restorePointId);
        commands.sendAndWait(new ProtectRestorePoint(point.vmId(), restorePointId, value, caller.name()));
        return get(restorePointId);
    }
}
