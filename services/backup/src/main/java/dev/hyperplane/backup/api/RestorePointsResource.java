package dev.hyperplane.backup.api;

import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.backup.query.RestorePointView;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
}
