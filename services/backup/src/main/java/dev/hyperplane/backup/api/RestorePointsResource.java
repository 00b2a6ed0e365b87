package dev.hyperplane.backup.api;

import dev.hyperplane.backup.command.DeleteRestorePoint;
import dev.hyperplane.backup.command.ProtectRestorePoint;
import dev.hyperplane.backup.command.RestorePointRefused;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.backup.query.RestorePointView;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restore points: what each backup made; tenants see their own VMs' only, also after a VM is deleted. */
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

    private RestorePointView setProtected(String restorePointId, boolean value) {
        RestorePointView point = get(restorePointId);
        commands.sendAndWait(new ProtectRestorePoint(point.vmId(), restorePointId, value, caller.name()));
        return get(restorePointId);
    }
}
