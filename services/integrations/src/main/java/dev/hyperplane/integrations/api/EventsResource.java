package dev.hyperplane.integrations.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.integrations.query.EventHistory;
import dev.hyperplane.integrations.query.StoredEvent;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The event feed, for integrations that cannot receive callbacks: the same events webhooks deliver, scoped as
 * they are (a tenant's own VMs', backups' and guests' events; everything public for a fleet admin), in the order
 * the service took them, resumable from a cursor. Long polling and Server-Sent Events serve the same stream.
 */
@Path("/api/v1/events")
@Tag(name = "events", description = "The event feed: long polling or Server-Sent Events, resumable from a cursor")
@SecurityRequirement(name = "bearer")
public class EventsResource {
    /** How often a waiting request looks for new events. */
    private static final long POLL_MS = 200;
    private static final int MAX_WAIT_SECONDS = 30;

    @Inject
    EventHistory history;
    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "listEvents", summary = "Events after a cursor (long poll)", description = "Answers "
            + "at once when events after the cursor exist; otherwise waits up to wait= seconds (at most 30) for one. "
            + "Without a cursor, starts at the oldest event kept (7 days by default).")
    @APIResponse(responseCode = "200", description = "The events after the cursor, and the cursor to continue from")
    public EventFeed list(@QueryParam("after") String after, @QueryParam("limit") Integer limit,
                          @QueryParam("wait") Integer wait) throws InterruptedException {
        int pageSize = Page.limit(limit);
        if (wait != null && (wait < 0 || wait > MAX_WAIT_SECONDS)) {
            throw ProblemException.invalidField(400, "wait", "seconds, 0 to " + MAX_WAIT_SECONDS);
        }
        long position = cursor(after);
        String tenant = caller.tenantFilter(null);
        long deadline = System.currentTimeMillis() + (wait == null ? 0 : wait * 1000L);
        List<StoredEvent> events = history.after(position, tenant, pageSize);
        while (events.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(POLL_MS);
            events = history.after(position, tenant, pageSize);
        }
        String next = events.isEmpty() ? Long.toString(position)
                : Long.toString(events.get(events.size() - 1).position());
        return new EventFeed(events.stream().map(this::tree).toList(), next);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "streamEvents", summary = "Events as Server-Sent Events", description = "Each SSE "
            + "event is one CloudEvent (structured JSON) with the feed position as its id; a client that reconnects "
            + "with Last-Event-ID (or after=) resumes after it.")
    public void stream(@QueryParam("after") String after, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) throws InterruptedException {
        long position = cursor(lastEventId != null ? lastEventId : after);
        String tenant = caller.tenantFilter(null);
        try (sink) {
            while (!sink.isClosed()) {
                List<StoredEvent> events = history.after(position, tenant, Page.MAX_LIMIT);
                for (StoredEvent event : events) {
                    sink.send(sse.newEventBuilder().id(Long.toString(event.position())).name(event.type())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.body()).build())
                            .toCompletableFuture().join();
                    position = event.position();
                }
                if (events.isEmpty()) {
                    Thread.sleep(POLL_MS);
                }
            }
        } catch (RuntimeException e) {
            // the client went away
        }
    }

    private Map<String, Object> tree(StoredEvent event) {
        try {
            return json.readValue(event.body(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event is JSON", e);
        }
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(400, "after", "a cursor as a previous answer gave it");
        }
    }
}
