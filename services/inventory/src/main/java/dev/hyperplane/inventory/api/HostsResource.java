package dev.hyperplane.inventory.api;

import dev.hyperplane.inventory.query.HostView;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
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

/** The hypervisor hosts of the fleet. */
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "hosts", description = "Hypervisor hosts registered in the fleet")
public class HostsResource {

    @GET
    @WithSession
    @Operation(summary = "List hosts", description = "Hosts in id order, cursor-paginated.")
    public Uni<Page<HostView>> list(
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        return HostView.<HostView>find("hostId > :cursor", Sort.by("hostId"),
                        Parameters.with("cursor", cursor == null ? "" : cursor))
                .range(0, size).list()
                .map(hosts -> Page.of(hosts, size, h -> h.hostId));
    }

    @GET
    @Path("/{hostId}")
    @WithSession
    @Operation(summary = "Get one host")
    @APIResponse(responseCode = "200", description = "The host")
    @APIResponse(responseCode = "404", description = "No such host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<HostView> get(@PathParam("hostId") String hostId) {
        return HostView.<HostView>findById(hostId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("host", hostId));
    }
}
