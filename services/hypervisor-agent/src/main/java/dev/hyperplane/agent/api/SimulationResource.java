package dev.hyperplane.agent.api;

import dev.hyperplane.agent.domain.EngineCommand;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.VmView;
import dev.hyperplane.hyperv.Workload;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Fault injection for tests and demos: what real hosts and guests do to an operator at 3 a.m. */
@Path("/api/v1/agent/hosts/{hostId}")
@Tag(name = "simulation", description = "Fault injection on simulated hosts and guests")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class SimulationResource {

    @Inject
    EngineFleet fleet;

    @POST
    @Path("/vms/{vmId}/panic")
    @Operation(operationId = "panicGuest", summary = "Make the guest kernel panic (kdump runs where the host allows)",
            description = "Fault injection: the guest kernel panics; kdump captures a dump where guest and host allow, then the VM restarts. Fleet admins only.")
    public Response panic(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId) {
        return apply(hostId, vmId, new EngineCommand.Panic(vmId));
    }

    @POST
    @Path("/vms/{vmId}/heartbeat-stall")
    @Operation(operationId = "stallGuestHeartbeat", summary = "Stop (or resume) the guest's heartbeat answers",
            description = "Fault injection: the guest stops answering heartbeats (a hung kernel) or answers again. Fleet admins only.")
    public Response stallHeartbeat(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                                   @Parameter(description = "false resumes the heartbeat") @QueryParam("stalled")
                                   Boolean stalled) {
        return apply(hostId, vmId, new EngineCommand.StallHeartbeat(vmId, stalled == null || stalled));
    }

    @POST
    @Path("/vms/{vmId}/kvp-daemon-stop")
    @Operation(operationId = "stopGuestKvpDaemon", summary = "Stop the guest's KVP daemon: the host loses its guest info",
            description = "Fault injection: the guest's KVP daemon stops, so its host no longer gets guest information. Fleet admins only.")
    public Response stopKvpDaemon(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId) {
        return apply(hostId, vmId, new EngineCommand.StopKvpDaemon(vmId));
    }

    @POST
    @Path("/vms/{vmId}/hot-add-failure")
    @Operation(operationId = "failGuestHotAdd", summary = "Make the guest's next memory hot-add fail for good (address map conflict)",
            description = "Fault injection: the guest's next memory hot-add fails for good (an address-map conflict). Fleet admins only.")
    public Response failHotAdd(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId) {
        return apply(hostId, vmId, new EngineCommand.FailHotAdd(vmId));
    }

    /** A workload for the guest; {@code demandMb} sizes a memory hog (other profiles follow the VM's size). */
    public record WorkloadRequest(
            @Schema(description = "idle, web, database, batch or memory-hog", example = "memory-hog") String profile,
            @Schema(description = "memory-hog only: how much memory the guest commits", example = "16384")
            Long demandMb,
            @Schema(description = "How fast the guest writes memory, overriding the profile's (a rate above what the "
                    + "migration link copies keeps a live migration from converging)", example = "20000")
            Double dirtyMbPerSec) {
    }

    @POST
    @Path("/vms/{vmId}/workload")
    @Operation(operationId = "setGuestWorkload", summary = "Change what the guest runs, e.g. a memory hog that commits demandMb",
            description = "Simulation control: what the guest runs from now on (idle, web, database, batch, or a memory hog committing demandMb). Fleet admins only.")
    public Response setWorkload(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                                WorkloadRequest request) {
        VmView vm = fleet.vm(hostId, vmId).orElseThrow(() -> ProblemException.notFound("VM", vmId));
        return apply(hostId, vmId, new EngineCommand.SetWorkload(vmId, workload(request,
                vm.spec().memory().startupMb())));
    }

    private static Workload workload(WorkloadRequest request, long startupMb) {
        Workload chosen = profile(request, startupMb);
        if (request.dirtyMbPerSec() == null) {
            return chosen;
        }
        if (!(request.dirtyMbPerSec() >= 0) || request.dirtyMbPerSec() > 1_000_000) {
            throw ProblemException.invalidField(422, "dirtyMbPerSec", "0 to 1000000 MB/s");
        }
        return chosen.withDirtyRate(request.dirtyMbPerSec());
    }

    private static Workload profile(WorkloadRequest request, long startupMb) {
        String profile = request == null || request.profile() == null ? "" : request.profile();
        if ("memory-hog".equals(profile)) {
            if (request.demandMb() == null || request.demandMb() < 64) {
                throw ProblemException.invalidField(422, "demandMb", "a memory hog needs demandMb of at least 64");
            }
            return Workload.memoryHog(startupMb, request.demandMb());
        }
        return Workload.PROFILES.stream().filter(w -> w.profile().equals(profile)).findFirst()
                .orElseThrow(() -> ProblemException.invalidField(422, "profile",
                        "one of idle, web, database, batch, memory-hog; was '" + profile + "'"));
    }

    @POST
    @Path("/vms/{vmId}/out-of-band")
    @Operation(operationId = "actOnGuestOutOfBand", summary = "Turn off, delete or move a VM on the host, behind the control plane's back",
            description = "Fault injection: what an administrator does on the host itself (Hyper-V Manager, PowerShell). "
                    + "Only the host's inventory reports tell the control plane, whose reconciler then corrects its "
                    + "record (a VM turned off is Stopped, a deleted one Lost, one live-migrated with `move` to "
                    + "another host of this agent is recorded there). Fleet admins only.")
    @APIResponse(responseCode = "202", description = "Done on the host (a move: under way)")
    @APIResponse(responseCode = "404", description = "No such host or VM",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The host refused (for a move: no room on the destination, "
            + "or not a host of this agent)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not turn-off, delete or move; a move without destination",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response outOfBand(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                              @Parameter(description = "turn-off, delete or move", example = "delete")
                              @QueryParam("action") String action,
                              @Parameter(description = "with move: the host of this agent the VM live-migrates to",
                                      example = "agent-1-host-02")
                              @QueryParam("destination") String destination) {
        if ("move".equals(action)) {
            if (destination == null || destination.isBlank()) {
                throw ProblemException.invalidField(422, "destination", "required with action move");
            }
            fleet.host(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId));
            fleet.vm(hostId, vmId).orElseThrow(() -> ProblemException.notFound("VM", vmId));
            fleet.moveOutOfBand(hostId, vmId, destination);
            return Response.accepted().build();
        }
        if (!"turn-off".equals(action) && !"delete".equals(action)) {
            throw ProblemException.invalidField(422, "action", "turn-off, delete or move");
        }
        return apply(hostId, vmId, new EngineCommand.OutOfBand(vmId, action));
    }

    @POST
    @Path("/power-loss")
    @Operation(operationId = "cutHostPower", summary = "Cut the host's power: every VM on it is off at once",
            description = "Fault injection: the host loses power and every VM on it turns off at once. Fleet admins only.")
    public Response powerLoss(@PathParam("hostId") String hostId) {
        fleet.host(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId));
        fleet.control(hostId, new EngineCommand.PowerLoss());
        return Response.accepted().build();
    }

    private Response apply(String hostId, String vmId, EngineCommand command) {
        fleet.host(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId));
        fleet.vm(hostId, vmId).orElseThrow(() -> ProblemException.notFound("VM", vmId));
        fleet.control(hostId, command);
        return Response.accepted().build();
    }

    /** The engine refused: the VM's state or its guest does not allow it. */
    @ServerExceptionMapper
    public Response refused(CommandRejected e, UriInfo uri) {
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(new Problem(Problem.TYPE_BASE + "engine-refused",
                "Refused by the host", 409, e.getMessage(), uri.getPath(),
                e.feature() == null ? List.of() : List.of(new Problem.FieldError("feature", e.feature().name()))))
                .build();
    }
}
