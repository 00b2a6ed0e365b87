package dev.hyperplane.migration.api;

import dev.hyperplane.migration.command.CancelEvacuation;
import dev.hyperplane.migration.command.CancelMigration;
import dev.hyperplane.migration.command.ReturnEvacuation;
import dev.hyperplane.migration.command.StartEvacuation;
import dev.hyperplane.migration.control.EvacuationPlanner;
import dev.hyperplane.migration.domain.EvacuationState;
import dev.hyperplane.migration.domain.MigrationState;
import dev.hyperplane.migration.query.EvacuationView;
import dev.hyperplane.migration.query.Evacuations;
import dev.hyperplane.migration.query.MigrationHosts;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Host evacuations (fleet-admin): empty a host for maintenance, follow each VM's move, cancel, bring it back. */
@Path("/api/v1/evacuations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evacuations", description = "Emptying hosts for maintenance")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class EvacuationsResource {
    private static final Set<String> STATES = Arrays.stream(EvacuationState.values()).map(EvacuationState::label)
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    CommandGateway commands;
    @Inject
    Evacuations evacuations;
    @Inject
    MigrationHosts hosts;
    @Inject
    EvacuationPlanner planner;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startEvacuation", summary = "Empty a host", description = "The host goes into "
            + "maintenance (no new VMs) and every VM on it is migrated away under the concurrency limits: live, or "
            + "quick where the VM's migration mode asks so. VMs that cannot move (stopped, mode none) are listed "
            + "with the reason; VMs placed on the host meanwhile are moved too. It ends when every move has ended, "
            + "saying whether the host is empty; the host stays in maintenance until taken out or returned.")
    @APIResponse(responseCode = "202", description = "Accepted; the evacuation is running",
            headers = @Header(name = "Location", description = "/api/v1/evacuations/{evacuationId}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = EvacuationView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The host is being evacuated or returned already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@NotNull(message = "a JSON body is required") @Valid StartEvacuationRequest request) {
        String hostId = request.hostId();
        if (hosts.inMaintenance(hostId).isEmpty()) {
            throw ProblemException.notFound("host", hostId);
        }
        String evacuationId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            evacuations.underWayOn(hostId).ifPresent(id -> {
                throw ProblemException.conflict("host " + hostId + " is being evacuated already (" + id + ")");
            });
            EvacuationPlanner.Plan plan = planner.out(evacuationId, hostId, caller.name(), Set.of());
            commands.sendAndWait(new StartEvacuation(evacuationId, hostId, plan.added(), caller.name()));
        });
        return Response.accepted(get(evacuationId)).location(URI.create("/api/v1/evacuations/" + evacuationId))
                .build();
    }

    @GET
    @Operation(operationId = "listEvacuations", summary = "Evacuations, newest first", description = "Filter by host "
            + "and by state; pages like every list.")
    @APIResponse(responseCode = "200", description = "A page of evacuations")
    @APIResponse(responseCode = "400", description = "Unknown state, or a limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EvacuationView> list(@QueryParam("host") String hostId,
                                     @Parameter(description = "running, cancelling, completed, cancelled, returning "
                                             + "or returned") @QueryParam("state") String state,
                                     @QueryParam("limit") Integer limit,
                                     @QueryParam("cursor") String cursor) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalidField(400, "state", "one of " + STATES);
        }
        int pageSize = Page.limit(limit);
        return Page.of(evacuations.list(hostId, state, cursor, pageSize + 1), pageSize,
                EvacuationView::evacuationId);
    }

    @GET
    @Path("/{evacuationId}")
    @Operation(operationId = "getEvacuation", summary = "Get an evacuation", description = "Its state and each VM: "
            + "its migration's state, destination and downtime, or why it could not move or its move failed.")
    @APIResponse(responseCode = "200", description = "The evacuation",
            content = @Content(schema = @Schema(implementation = EvacuationView.class)))
    @APIResponse(responseCode = "404", description = "No such evacuation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EvacuationView get(@PathParam("evacuationId") String evacuationId) {
        return evacuations.find(evacuationId).orElseThrow(() -> ProblemException.notFound("evacuation", evacuationId));
    }

    @POST
    @Path("/{evacuationId}/cancel")
    @Operation(operationId = "cancelEvacuation", summary = "Cancel an evacuation", description = "Queued moves are "
            + "dropped at once; moves under way end as they end, then the evacuation ends cancelled. The host stays "
            + "in maintenance.")
    @APIResponse(responseCode = "202", description = "Cancelling",
            content = @Content(schema = @Schema(implementation = EvacuationView.class)))
    @APIResponse(responseCode = "404", description = "No such evacuation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is not running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("evacuationId") String evacuationId) {
        EvacuationView evacuation = get(evacuationId);
        if (!EvacuationState.RUNNING.label().equals(evacuation.state())) {
            throw ProblemException.conflict("evacuation " + evacuationId + " is " + evacuation.state());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            commands.sendAndWait(new CancelEvacuation(evacuationId, caller.name()));
            evacuation.vms().stream().filter(v -> MigrationState.QUEUED.label().equals(v.state()))
                    .forEach(v -> commands.sendAndWait(new CancelMigration(v.migrationId(), caller.name())));
        });
        return Response.accepted(get(evacuationId)).build();
    }

    @POST
    @Path("/{evacuationId}/return")
    @Operation(operationId = "returnEvacuation", summary = "Bring an evacuated host back", description = "Inventory "
            + "takes the host out of maintenance, then the VMs the evacuation moved away (still running where they "
            + "went) migrate back to it; the evacuation ends returned when those moves have ended.")
    @APIResponse(responseCode = "202", description = "Returning",
            content = @Content(schema = @Schema(implementation = EvacuationView.class)))
    @APIResponse(responseCode = "404", description = "No such evacuation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It has not ended, or has returned already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response returnVms(@PathParam("evacuationId") String evacuationId) {
        EvacuationView evacuation = get(evacuationId);
        if (!EvacuationState.of(evacuation.state()).returnable()) {
            throw ProblemException.conflict("evacuation " + evacuationId + " is " + evacuation.state()
                    + "; only a completed or cancelled one returns");
        }
        commands.sendAndWait(new ReturnEvacuation(evacuationId, caller.name()));
        return Response.accepted(get(evacuationId)).build();
    }
}
