package dev.hyperplane.inventory.api;

import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.hyperplane.inventory.query.HostView;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import dev.hyperplane.inventory.command.SetHostMaintenance;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import java.util.Map;
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

/** The hypervisor hosts of the fleet. */
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "hosts", description = "Hypervisor hosts registered in the fleet")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class HostsResource {

    @GET
    @WithSession
    @Operation(operationId = "listHosts", summary = "List hosts", description = "Hosts in id order, cursor-paginated.")
    public Uni<Page<HostView>> list(
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        return HostView.<HostView>find("hostId > :cursor", Sort.by("hostId"),
                        Parameters.with("cursor", cursor == null ? "" : cursor))
                .range(0, size).list()
                .map(hosts -> Page.of(hosts, size, h -> h.hostId));
    }

    /** Maintenance on or off; {@code reason} is shown with the host. */
    public record MaintenanceRequest(@NotNull Boolean enabled, @Size(max = 500) String reason) {
    }

    @Inject
    CommandGateway commands;

    @PUT
    @Path("/{hostId}/maintenance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setHostMaintenance", summary = "Put a host into maintenance or take it out",
            description = "A host in maintenance gets no new VMs; its running VMs stay. The host view follows shortly.")
    @APIResponse(responseCode = "202", description = "Recorded")
    @APIResponse(responseCode = "404", description = "No such host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response maintenance(@PathParam("hostId") String hostId,
                                @NotNull(message = "a JSON body is required") @Valid MaintenanceRequest request) {
        String reason = request.reason() == null || request.reason().isBlank() ? "set by an operator" : request.reason();
        try {
            commands.sendAndWait(new SetHostMaintenance(hostId, request.enabled(), reason));
        } catch (AggregateNotFoundException e) {
            throw ProblemException.notFound("host", hostId);
        }
        return Response.accepted(Map.of("hostId", hostId, "inMaintenance", request.enabled())).build();
    }

    @GET
    @Path("/{hostId}")
    @WithSession
    @Operation(operationId = "getHost", summary = "Get one host",
            description = "One hypervisor host: Windows Server version, capacity, health (Ready, Unreachable when the host fell silent while its agent is alive, Unknown when its agent is silent) and maintenance, with the reason when it is not Ready.")
    @APIResponse(responseCode = "200", description = "The host")
    @APIResponse(responseCode = "404", description = "No such host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<HostView> get(@PathParam("hostId") String hostId) {
        return HostView.<HostView>findById(hostId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("host", hostId));
    }
}
