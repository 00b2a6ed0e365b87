package dev.hyperplane.inventory.api;

import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.hyperplane.inventory.query.FleetVm;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Every VM of the fleet, as inventory learned it from the VM events. */
@Path("/api/v1/fleet/vms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "The fleet-wide read model of VMs")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's role does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class FleetResource {

    @Inject
    Caller caller;

    @GET
    @WithSession
    @Operation(summary = "List VMs of the fleet", description = "Filters combine; VMs in id order, cursor-paginated.")
    public Uni<Page<FleetVm>> list(
            @Parameter(description = "Only this tenant's VMs", example = "acme") @QueryParam("tenant") String tenant,
            @Parameter(description = "Only VMs on this host") @QueryParam("host") String host,
            @Parameter(description = "Requested, Placed, Running or Failed", example = "Running") @QueryParam("state") String state,
            @Parameter(description = "Only VMs of this guest distribution", example = "Ubuntu") @QueryParam("distro") String distro,
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        tenant = caller.tenantFilter(tenant);
        List<String> where = new ArrayList<>(List.of("vmId > :cursor"));
        Parameters params = Parameters.with("cursor", cursor == null ? "" : cursor);
        if (tenant != null) {
            where.add("tenantId = :tenant");
            params.and("tenant", tenant);
        }
        if (host != null) {
            where.add("hostId = :host");
            params.and("host", host);
        }
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        if (distro != null) {
            where.add("guestDistribution = :distro");
            params.and("distro", distro);
        }
        return FleetVm.<FleetVm>find(String.join(" and ", where), Sort.by("vmId"), params)
                .range(0, size).list()
                .map(vms -> Page.of(vms, size, vm -> vm.vmId));
    }

    @GET
    @Path("/{vmId}")
    @WithSession
    @Operation(summary = "Get one VM of the fleet")
    @APIResponse(responseCode = "200", description = "The VM")
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FleetVm> get(@PathParam("vmId") String vmId) {
        return FleetVm.<FleetVm>findById(vmId)
                .onItem().ifNotNull().transform(vm -> caller.canSee(vm.tenantId) ? vm : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("VM", vmId));
    }
}
