package dev.hyperplane.migration.api;

import dev.hyperplane.migration.command.ClearHost;
import dev.hyperplane.migration.command.ConfirmFence;
import dev.hyperplane.migration.domain.HaIncidentState;
import dev.hyperplane.migration.domain.HaRestartPlan;
import dev.hyperplane.migration.query.GuestResetView;
import dev.hyperplane.migration.query.GuestResets;
import dev.hyperplane.migration.query.HaIncidentView;
import dev.hyperplane.migration.query.HaIncidents;
import dev.hyperplane.migration.query.HaLiveness;
import dev.hyperplane.migration.query.HaReserves;
import dev.hyperplane.migration.query.HaStatusView;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.liveness.HostLiveness;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * High availability (fleet-admin): incidents of failed hosts (fenced first, then their VMs restarted elsewhere),
 * an operator's confirmation of a fence the management controller could not do, clearing a fenced host, the
 * fleet's HA status, and the resets of hung guests.
 */
@Path("/api/v1/ha")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ha", description = "Failed hosts fenced, their VMs restarted elsewhere")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class HaResource {
    private static final Set<String> STATES = Arrays.stream(HaIncidentState.values()).map(HaIncidentState::label)
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    HaIncidents incidents;
    @Inject
    HaLiveness liveness;
    @Inject
    GuestResets guestResets;
    @Inject
    HaReserves reserves;
    @Inject
    MigrationVms vms;
    @Inject
    CommandGateway commands;
    @Inject
    Caller caller;

    @GET
    @Path("/incidents")
    @Operation(operationId = "listHaIncidents", summary = "HA incidents, newest first", description = "Filter by "
            + "host and by state; pages like every list.")
    @APIResponse(responseCode = "200", description = "A page of incidents")
    @APIResponse(responseCode = "400", description = "Unknown state, or a limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<HaIncidentView> list(@QueryParam("host") String hostId,
                                     @Parameter(description = "fencing, fence-failed, restarting or ended")
                                     @QueryParam("state") String state,
                                     @QueryParam("limit") Integer limit,
                                     @QueryParam("cursor") String cursor) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalidField(400, "state", "one of " + STATES);
        }
        int pageSize = Page.limit(limit);
        return Page.of(incidents.list(hostId, state, cursor, pageSize + 1), pageSize, HaIncidentView::incidentId);
    }

    @GET
    @Path("/incidents/{incidentId}")
    @Operation(operationId = "getHaIncident", summary = "Get an HA incident", description = "The host, when its "
            + "failure was detected, how and when it was fenced, the alerts raised, and each VM: restarted where and "
            + "when, or why not.")
    @APIResponse(responseCode = "200", description = "The incident",
            content = @Content(schema = @Schema(implementation = HaIncidentView.class)))
    @APIResponse(responseCode = "404", description = "No such incident",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HaIncidentView get(@PathParam("incidentId") String incidentId) {
        return incidents.find(incidentId).orElseThrow(() -> ProblemException.notFound("HA incident", incidentId));
    }

    @POST
    @Path("/incidents/{incidentId}/confirm-fence")
    @Operation(operationId = "confirmHaFence", summary = "Confirm by hand that the failed host is off",
            description = "When the host's management controller cannot fence it, its VMs stay unrestarted: an "
                    + "operator who has checked that the host is powered off (or cut its power) confirms it here, and "
                    + "its VMs are restarted elsewhere. Confirming a host that still runs would run its VMs twice.")
    @APIResponse(responseCode = "202", description = "Confirmed; the VMs are being restarted",
            content = @Content(schema = @Schema(implementation = HaIncidentView.class)))
    @APIResponse(responseCode = "404", description = "No such incident",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The host is fenced already, or the incident has ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response confirmFence(@PathParam("incidentId") String incidentId) {
        HaIncidentView incident = get(incidentId);
        if (!HaIncidentState.FENCING.label().equals(incident.state())
                && !HaIncidentState.FENCE_FAILED.label().equals(incident.state())) {
            throw ProblemException.conflict("incident " + incidentId + " is " + incident.state()
                    + "; only one waiting for its host to be fenced is confirmed");
        }
        commands.sendAndWait(new ConfirmFence(incident.hostId(), incidentId, caller.name(),
                vms.onHost(incident.hostId()).stream().map(v -> new HaRestartPlan.VmOnHost(v.vmId(), v.state(),
                        v.haPriority())).toList()));
        return Response.accepted(get(incidentId)).build();
    }

    @POST
    @Path("/hosts/{hostId}/clear")
    @Operation(operationId = "clearHaHost", summary = "Clear a fenced or quarantined host", description = "A fenced "
            + "host gets no new VM, even once it is powered on again with every VM off, until an operator clears it "
            + "here, once it reports again. A quarantined host (it failed too often within the window) gets none "
            + "until its quarantine ends; clearing it here ends the quarantine now.")
    @APIResponse(responseCode = "200", description = "Cleared: VMs may be placed on it again",
            content = @Content(schema = @Schema(implementation = HaStatusView.Host.class)))
    @APIResponse(responseCode = "404", description = "No such host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The host is neither fenced nor quarantined, or is fenced and "
            + "does not report yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HaStatusView.Host clear(@PathParam("hostId") String hostId) {
        HaLiveness.Watched host = liveness.watched().stream().filter(h -> h.hostId().equals(hostId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("host", hostId));
        HaIncidents.HostState state = incidents.host(hostId).orElse(null);
        if (state == null || !state.fenced() && !state.quarantined()) {
            throw ProblemException.conflict("host " + hostId + " is neither fenced nor quarantined");
        }
        if (state.fenced() && !liveness.reporting(host)) {
            // cleared while still silent, it would be judged failed again at once and fenced once more
            throw ProblemException.conflict("host " + hostId + " does not report yet; power it on (it comes back "
                    + "with every VM off) and clear it once it reports");
        }
        commands.sendAndWait(new ClearHost(hostId, caller.name()));
        return hostStatus(host, incidents.host(hostId).orElse(null));
    }

    @GET
    @Path("/guest-resets")
    @Operation(operationId = "listHaGuestResets", summary = "Hung guests reset by HA, newest first",
            description = "Guest monitoring: a running VM whose guest heartbeat has been lost for longer than the "
                    + "configured time (and that is not writing a crash dump) is reset through provisioning, at "
                    + "most 3 times an hour; a further hang within the hour is withheld for an operator. Each "
                    + "decision once per loss of the heartbeat. Filter by VM; pages like every list.")
    @APIResponse(responseCode = "200", description = "A page of decisions")
    @APIResponse(responseCode = "400", description = "A limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<GuestResetView> guestResets(@QueryParam("vm") String vmId, @QueryParam("limit") Integer limit,
                                            @QueryParam("cursor") String cursor) {
        int pageSize = Page.limit(limit);
        if (cursor != null && !cursor.contains("/")) {
            throw ProblemException.invalidField(400, "cursor", "not a cursor of this list: pass nextCursor back as "
                    + "it came");
        }
        return Page.of(guestResets.list(vmId, cursor, pageSize + 1), pageSize, GuestResets::cursorOf);
    }

    @GET
    @Path("/status")
    @Operation(operationId = "getHaStatus", summary = "HA across the fleet", description = "Each host as the HA "
            + "detector sees it (ready, unknown while its agent is silent, failed while an incident is open, fenced "
            + "until cleared), the incidents open, the fenced and the quarantined hosts, and how many host failures "
            + "the fleet can absorb "
            + "(provisioning's admission control).")
    @APIResponse(responseCode = "200", description = "The fleet's HA status")
    public HaStatusView status() {
        Map<String, HaIncidents.HostState> states = incidents.hosts().stream()
                .collect(Collectors.toMap(HaIncidents.HostState::hostId, Function.identity()));
        List<HaStatusView.Host> hosts = liveness.watched().stream()
                .map(h -> hostStatus(h, states.get(h.hostId()))).toList();
        return new HaStatusView((int) states.values().stream().filter(s -> s.incidentState() != null
                && !HaIncidentState.ENDED.label().equals(s.incidentState())).count(),
                hostsWhere(states, HaIncidents.HostState::fenced), hostsWhere(states, HaIncidents.HostState::quarantined),
                reserves.current().orElse(null), hosts);
    }

    private static List<String> hostsWhere(Map<String, HaIncidents.HostState> states,
                                           Predicate<HaIncidents.HostState> which) {
        return states.values().stream().filter(which).map(HaIncidents.HostState::hostId).sorted().toList();
    }

    /** Fenced until cleared, failed while an incident is open, else as the detector judges it now. */
    private HaStatusView.Host hostStatus(HaLiveness.Watched h, HaIncidents.HostState state) {
        boolean open = state != null && state.incidentState() != null
                && !HaIncidentState.ENDED.label().equals(state.incidentState());
        String seen = state != null && state.fenced() ? "fenced" : open ? "failed"
                : liveness.verdictNow(h).map(v -> v.health().equals(HostLiveness.UNKNOWN) ? "unknown" : "failed")
                .orElse("ready");
        return new HaStatusView.Host(h.hostId(), h.agentId(), seen, h.heard().lastReport(), h.heard().agentAlive(),
                state == null ? null : state.incidentId(), state == null ? null : state.quarantinedUntil());
    }

}
