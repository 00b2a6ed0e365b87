package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A VM's history, read straight from the event store: what happened to it, when, in order. For audit. */
@Path("/api/v1/vms/{vmId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vms")
@SecurityRequirement(name = "bearer")
public class VmHistoryResource {

    /**
     * One event of the VM.
     *
     * @param type the CloudEvents type for public events (e.g. {@code dev.hyperplane.vm.started.v1}), else the
     *             event's class name
     */
    public record HistoryEntry(long sequence, String type, Instant at, Object data) {
    }

    @Inject
    EventStore eventStore;
    @Inject
    VisibleVms visibleVms;

    @GET
    @Operation(operationId = "listVmEvents", summary = "The VM's event history", description = "Every event of the VM in order, from the event "
            + "store: requested, placed, the commands sent to its host, started or failed, and every operation with "
            + "who asked for it (requestedBy).")
    @APIResponse(responseCode = "200", description = "The events, oldest first")
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public List<HistoryEntry> history(@PathParam("vmId") String vmId) {
        visibleVms.get(vmId);
        List<HistoryEntry> entries = new ArrayList<>();
        eventStore.readEvents(vmId).asStream().forEach((DomainEventMessage<?> event) -> entries.add(new HistoryEntry(
                event.getSequenceNumber(),
                EventCatalog.forClass(event.getPayloadType()).map(MessageType::ceType)
                        .orElse(event.getPayloadType().getSimpleName()),
                event.getTimestamp(), event.getPayload())));
        if (entries.isEmpty()) {
            throw ProblemException.notFound("VM", vmId);
        }
        return entries;
    }
}
