package dev.hyperplane.migration.api;

import dev.hyperplane.migration.domain.MigrationPolicy;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The convergence policies a migration may name. */
@Path("/api/v1/migration-policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "migrations")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class MigrationPoliciesResource {

    @GET
    @Operation(operationId = "listMigrationPolicies", summary = "Convergence policies", description = "Each with the "
            + "downtime it allows after each pre-copy pass, the stall window, the final step and how many "
            + "migrations a host runs at once under it.")
    @APIResponse(responseCode = "200", description = "A page of policies, by id")
    public Page<MigrationPolicy> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return Page.after(MigrationPolicy.ALL, MigrationPolicy::id, cursor, Page.limit(limit));
    }
}
