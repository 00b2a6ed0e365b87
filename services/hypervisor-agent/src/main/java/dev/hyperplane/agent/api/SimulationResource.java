package dev.hyperplane.agent.api;

import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.SimulationControl;
import dev.hyperplane.agent.messaging.PeerMessages;
import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.hyperv.CommandRejected;
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
import java.util.UUID;

/**
 * Fault injection for tests and demos: what real hosts and guests do to an operator at 3 a.m. Any agent takes the
 * call: for a host another agent runs (as inventory registered it) the control is forwarded to that agent as a
 * {@link SimulationControlOnHost} and answered 202 at once.
 */
@Path("/api/v1/agent/hosts/{hostId}")
@Tag(name = "simulation", description = "Fault injection on simulated hosts and guests")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
@APIResponse(responseCode = "202", description = "Done on the host; for a host of another agent, forwarded to it "
        + "(header Hyperplane-Forwarded-To names the agent, which reports a refusal as AgentCommandRejected)")
@APIResponse(responseCode = "404", description = "No such host in the fleet, or no such VM on this agent's host",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "The host refused (for a move: no room on the destination, or a "
        + "destination on another agent)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "An invalid parameter, named in errors[].field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SimulationResource {

    @Inject
    EngineFleet fleet;
    @Inject
    PeerMessages peers;

    @POST
    @Path("/vms/{vmId}/panic")
    @Operation(operationId = "panicGuest", summary = "Make the guest kernel panic (kdump runs where the host allows)",
            description = "Fault injection: the guest kernel panics; kdump captures a dump where guest and host allow, then the VM restarts. Fleet admins only.")
    public Response panic(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId) {
        return control(hostId, vmId, "panic", null, null);
    }

    @POST
    @Path("/vms/{vmId}/heartbeat-stall")
    @Operation(operationId = "stallGuestHeartbeat", summary = "Stop (or resume) the guest's heartbeat answers",
            description = "Fault injection: the guest stops answering heartbeats (a hung kernel) or answers again. Fleet admins only.")
    public Response stallHeartbeat(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                                   @Parameter(description = "false resumes the heartbeat") @QueryParam("stalled")
                                   Boolean stalled) {
        return control(hostId, vmId, stalled == null || stalled ? "heartbeat-stall" : "heartbeat-resume", null, null);
    }

    @POST
    @Path("/vms/{vmId}/kvp-daemon-stop")
    @Operation(operationId = "stopGuestKvpDaemon", summary = "Stop the guest's KVP daemon: the host loses its guest info",
            description = "Fault injection: the guest's KVP daemon stops, so its host no longer gets guest information. Fleet admins only.")
    public Response stopKvpDaemon(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId) {
        return control(hostId, vmId, "kvp-daemon-stop", null, null);
    }

    @POST
    @Path("/vms/{vmId}/vss-daemon-stop")
    @Operation(operationId = "stopGuestVssDaemon", summary = "Stop (or start again) the guest's backup daemon",
            description = "Fault injection: the guest's hv_vss_daemon stops, so a live backup of a Linux guest cannot "
                    + "freeze its file systems and is crash-consistent with that reason; false starts it again. "
                    + "Fleet admins only.")
    public Response stopVssDaemon(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                                  @Parameter(description = "false starts the daemon again") @QueryParam("stopped")
                                  Boolean stopped) {
        return control(hostId, vmId, stopped == null || stopped ? "vss-daemon-stop" : "vss-daemon-start", null, null);
    }

    @POST
    @Path("/vms/{vmId}/freeze-fault")
    @Operation(operationId = "faultGuestFreeze", summary = "Make the guest's file-system freeze hang or fail",
            description = "Fault injection for backups: with hang, the freeze never returns and is thawed after the "
                    + "10 s timeout; with fail, it fails at once; both leave the backup crash-consistent with the "
                    + "reason. normal ends the fault. Fleet admins only.")
    public Response faultFreeze(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                                @Parameter(description = "hang, fail or normal", required = true) @QueryParam("mode")
                                String mode) {
        if (!List.of("hang", "fail", "normal").contains(String.valueOf(mode))) {
            throw ProblemException.invalidField(400, "mode", "one of hang, fail, normal");
        }
        return control(hostId, vmId, "freeze-" + mode, null, null);
    }

    @POST
    @Path("/vms/{vmId}/hot-add-failure")
    @Operation(operationId = "failGuestHotAdd", summary = "Make the guest's next memory hot-add fail for good (address map conflict)",
            description = "Fault injection: the guest's next memory hot-add fails for good (an address-map conflict). Fleet admins only.")
    public Response failHotAdd(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId) {
        return control(hostId, vmId, "hot-add-failure", null, null);
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
        return control(hostId, vmId, SimulationControl.WORKLOAD,
                request == null ? new WorkloadRequest(null, null, null) : request, null);
    }

    @POST
    @Path("/vms/{vmId}/out-of-band")
    @Operation(operationId = "actOnGuestOutOfBand", summary = "Turn off, delete or move a VM on the host, behind the control plane's back",
            description = "Fault injection: what an administrator does on the host itself (Hyper-V Manager, PowerShell). "
                    + "Only the host's inventory reports tell the control plane, whose reconciler then corrects its "
                    + "record (a VM turned off is Stopped, a deleted one Lost, one live-migrated with `move` to "
                    + "another host of the same agent is recorded there). Fleet admins only.")
    public Response outOfBand(@PathParam("hostId") String hostId, @PathParam("vmId") String vmId,
                              @Parameter(description = "turn-off, delete or move", example = "delete")
                              @QueryParam("action") String action,
                              @Parameter(description = "with move: the host of the same agent the VM live-migrates to",
                                      example = "agent-1-host-02")
                              @QueryParam("destination") String destination) {
        if (!"turn-off".equals(action) && !"delete".equals(action) && !SimulationControl.MOVE.equals(action)) {
            throw ProblemException.invalidField(422, "action", "turn-off, delete or move");
        }
        return control(hostId, vmId, action, null, destination);
    }

    @POST
    @Path("/power-loss")
    @Operation(operationId = "cutHostPower", summary = "Cut the host's power: every VM on it is off at once, and it stays off",
            description = "Fault injection: the host loses power, every VM on it turns off at once, and it stays off "
                    + "(silent, commands lost) until `power-on`; its management controller, on standby power, still "
                    + "answers. Fleet admins only.")
    public Response powerLoss(@PathParam("hostId") String hostId) {
        return control(hostId, null, SimulationControl.POWER_LOSS, null, null);
    }

    @POST
    @Path("/power-on")
    @Operation(operationId = "powerOnHost", summary = "Power the host on again: it boots with every VM off",
            description = "Fault injection ends, or an operator powers a fenced host on: the host reports again, every "
                    + "VM on it off. Fleet admins only.")
    public Response powerOn(@PathParam("hostId") String hostId) {
        return control(hostId, null, SimulationControl.POWER_ON, null, null);
    }

    @POST
    @Path("/partition")
    @Operation(operationId = "partitionHost", summary = "Cut the host off from the network: it runs on, unheard and unreachable",
            description = "Fault injection: the host keeps running its VMs, but its reports no longer leave it and "
                    + "commands no longer reach it (they are lost); its management controller still answers. "
                    + "`heal` ends it, and what the host reported meanwhile goes out then. Fleet admins only.")
    public Response partition(@PathParam("hostId") String hostId) {
        return control(hostId, null, SimulationControl.PARTITION, null, null);
    }

    @POST
    @Path("/heal")
    @Operation(operationId = "healHost", summary = "End the host's network partition",
            description = "Fault injection: the host is connected again. Fleet admins only.")
    public Response heal(@PathParam("hostId") String hostId) {
        return control(hostId, null, SimulationControl.HEAL, null, null);
    }

    @POST
    @Path("/bmc-failure")
    @Operation(operationId = "failHostManagementController", summary = "Make the host's management controller stop answering",
            description = "Fault injection: the host's out-of-band power control (BMC/IPMI) no longer answers, so the "
                    + "host cannot be fenced; `bmc-repair` ends it. Fleet admins only.")
    public Response failManagementController(@PathParam("hostId") String hostId) {
        return control(hostId, null, SimulationControl.BMC_FAILURE, null, null);
    }

    @POST
    @Path("/bmc-repair")
    @Operation(operationId = "repairHostManagementController", summary = "Repair the host's management controller",
            description = "Fault injection: the host's management controller answers again. Fleet admins only.")
    public Response repairManagementController(@PathParam("hostId") String hostId) {
        return control(hostId, null, SimulationControl.BMC_REPAIR, null, null);
    }

    /**
     * Applies the control to a host of this agent (404 for a VM it does not have, 409 when the engine refuses), or
     * forwards it to the agent that runs the host.
     */
    private Response control(String hostId, String vmId, String control, WorkloadRequest workload,
                             String destination) {
        SimulationControlOnHost command = new SimulationControlOnHost("control-" + UUID.randomUUID(), hostId, vmId,
                control, workload == null ? null : workload.profile(), workload == null ? null : workload.demandMb(),
                workload == null ? null : workload.dirtyMbPerSec(), destination);
        try {
            SimulationControl.validate(command);
        } catch (SimulationControl.Invalid e) {
            throw ProblemException.invalidField(422, e.field(), e.reason());
        }
        if (fleet.runs(hostId)) {
            if (vmId != null) {
                fleet.vm(hostId, vmId).orElseThrow(() -> ProblemException.notFound("VM", vmId));
            }
            fleet.simulate(command);
            return Response.accepted().build();
        }
        String agent = fleet.agentOf(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId));
        try {
            peers.send(List.of(command));
        } catch (Exception e) {
            throw new IllegalStateException("could not forward the control to agent " + agent, e);
        }
        return Response.accepted().header("Hyperplane-Forwarded-To", agent).build();
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
