package dev.hyperplane.backup.api;

import dev.hyperplane.backup.query.RestoreView;
import dev.hyperplane.backup.query.Restores;
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

/** Restores, each its own resource (POST /api/v1/restore-points/{id}/restore starts one); tenants see their own. */
@Path("/api/v1/restores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
@SecurityRequirement(name = "bearer")
public class RestoresResource {

    @Inject
    Restores restores;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "listRestores", summary = "Restores, newest first", description = "Filter by VM (the "
            + "VM restored from, or the one restored to).")
    @APIResponse(responseCode = "200", description = "A page of restores")
    public Page<RestoreView> list(@QueryParam("vm") String vmId, @QueryParam("tenant") String tenant,
                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int pageSize = Page.limit(limit);
        return Page.of(restores.list(caller.tenantFilter(tenant), vmId, cursor, pageSize + 1), pageSize,
                RestoreView::restoreId);
    }

    @GET
    @Path("/{restoreId}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getRestore", summary = "A restore", description = "Running until provisioning "
            + "answers: completed when the VM runs with the restore point's disks, failed with the reason.")
    @APIResponse(responseCode = "200", description = "The restore")
    @APIResponse(responseCode = "404", description = "No such restore, or another tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestoreView get(@PathParam("restoreId") String restoreId) {
        return restores.find(restoreId).filter(r -> caller.canSee(r.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("restore", restoreId));
    }
}
