package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
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
            + "who asked for it (requestedBy). Pages like every list; the cursor is the last sequence number read.")
    @APIResponse(responseCode = "200", description = "A page of events, oldest first")
    @APIResponse(responseCode = "400", description = "A limit or cursor out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public Page<HistoryEntry> history(@PathParam("vmId") String vmId,
                                      @Parameter(description = "Page size, 1-500", example = "50")
                                      @QueryParam("limit") Integer limit,
                                      @Parameter(description = "nextCursor of the previous page")
                                      @QueryParam("cursor") String cursor) {
        visibleVms.get(vmId);
        int size = Page.limit(limit);
        long first = cursor == null ? 0 : sequenceAfter(cursor);
        List<HistoryEntry> entries = eventStore.readEvents(vmId, first).asStream().limit(size + 1L)
                .map((DomainEventMessage<?> event) -> new HistoryEntry(event.getSequenceNumber(),
                        EventCatalog.forClass(event.getPayloadType()).map(MessageType::ceType)
                                .orElse(event.getPayloadType().getSimpleName()),
                        event.getTimestamp(), event.getPayload()))
                .toList();
        if (entries.isEmpty() && cursor == null) {
            throw ProblemException.notFound("VM", vmId);
        }
        return Page.of(entries, size, entry -> Long.toString(entry.sequence()));
    }

    private static long sequenceAfter(String cursor) {
        try {
            long last = Long.parseLong(cursor);
            if (last >= 0) {
                return last + 1;
            }
        } catch (NumberFormatException e) {
            // the problem below
        }
        throw ProblemException.invalidField(400, "cursor", "not a cursor of this list: pass nextCursor back as it came");
    }
}
