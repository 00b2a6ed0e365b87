package dev.hyperplane.provisioning.api;

import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.provisioning.query.OperationView;
import dev.hyperplane.provisioning.query.VmQueries;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Long-running requests and how far they got. */
@Path("/api/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations", description = "Progress of asynchronous requests")
@SecurityRequirement(name = "bearer")
public class OperationsResource {

    @Inject
    VmQueries queries;
    @Inject
    Caller caller;

    @GET
    @Path("/{operationId}")
    @Operation(operationId = "getOperation", summary = "Get an operation",
            description = "The state of a long-running request (create, start, stop, restart, resize, delete): Running, Succeeded or Failed, with progress, the error if any, and a link to the result. Poll it after a 202.")
    @APIResponse(responseCode = "200", description = "State, progress, result link or error",
            content = @Content(schema = @Schema(implementation = OperationView.class)))
    @APIResponse(responseCode = "404", description = "No such operation (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public OperationView get(@PathParam("operationId") String operationId) {
        return queries.operation(operationId)
                .filter(op -> queries.vm(op.vmId()).map(vm -> caller.canSee(vm.tenantId())).orElse(false))
                .orElseThrow(() -> ProblemException.notFound("operation", operationId));
    }
}
