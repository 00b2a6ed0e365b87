package dev.hyperplane.platform.messaging;

import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Roles;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The parked records of one service's consumers, for operators: list them, redrive a key (its parked records are
 * handled again in order, on the consumer's own thread) or discard one record. Each service serves it under
 * {@code /api/v1/dead-letters/<service>} by a subclass that only names the path.
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead-letters", description = "Records a service's consumers could not handle, and their redrive")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public abstract class DeadLetterResource {
    private static final String NOT_PARKED_EXAMPLE = "{\"type\": \"https://hyperplane.dev/problems/not-parked\", "
            + "\"title\": \"Not parked\", \"status\": 409, \"detail\": \"dead letter 42 is REDRIVEN\"}";

    @Inject
    DeadLetters deadLetters;
    @Inject
    @Any
    Instance<IdempotentConsumer> consumers;

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List parked records",
            description = "In the order they were parked, cursor-paginated; PARKED ones by default.")
    public Page<DeadLetter> list(
            @Parameter(description = "PARKED, REDRIVEN or DISCARDED", example = "PARKED") @QueryParam("state") DeadLetter.State state,
            @Parameter(description = "Only this consumer group's") @QueryParam("consumer") String consumer,
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        List<DeadLetter> fetched = deadLetters.list(state == null ? DeadLetter.State.PARKED : state,
                consumer == null || consumer.isBlank() ? null : consumer, cursorId(cursor), size + 1);
        return Page.of(fetched, size, letter -> Long.toString(letter.id()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeadLetter", summary = "Get one parked record",
            description = "One record a consumer of this service parked: its consumer group, topic, partition, "
                    + "offset and key, the CloudEvent type and id when it could be read, the reason, and its state.")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "404", description = "No such record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetter get(@PathParam("id") long id) {
        return deadLetters.find(id).orElseThrow(() -> ProblemException.notFound("dead letter", Long.toString(id)));
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(operationId = "redriveDeadLetter", summary = "Handle a record and the ones parked behind it again",
            description = "Every PARKED record of the same consumer, topic and key is handled again, in the order "
                    + "they were parked. The first that fails again stays parked with the new reason (and so do "
                    + "the ones behind it): failure says why. When all succeed, the key is no longer parked.")
    @APIResponse(responseCode = "200", description = "What the redrive did")
    @APIResponse(responseCode = "404", description = "No such record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The consumer is not running here or the database is away; "
            + "try again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IdempotentConsumer.RedriveResult redrive(@PathParam("id") long id) {
        DeadLetter head = get(id);
        IdempotentConsumer consumer = consumers.stream().filter(c -> c.group().equals(head.consumer())).findFirst()
                .orElseThrow(() -> unavailable("consumer " + head.consumer() + " does not run in this process"));
        try {
            return consumer.redrive(head).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw unavailable("redrive of " + id + " could not finish: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unavailable("redrive of " + id + " did not finish within 60 s; it may still complete");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    @POST
    @Path("/{id}/discard")
    @Operation(operationId = "discardDeadLetter", summary = "Give up on one parked record",
            description = "The record will never be handled. Records parked behind it stay parked until redriven.")
    @APIResponse(responseCode = "200", description = "The discarded record")
    @APIResponse(responseCode = "404", description = "No such record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The record is not parked (any more)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-parked", value = NOT_PARKED_EXAMPLE)))
    public DeadLetter discard(@PathParam("id") long id) {
        boolean discarded = deadLetters.settle(id, DeadLetter.State.DISCARDED);
        DeadLetter letter = get(id);
        if (!discarded) {
            throw new ProblemException(409, "not-parked", "Not parked", "dead letter " + id + " is "
                    + letter.state(), List.of());
        }
        return letter;
    }

    private static long cursorId(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(400, "cursor", "not a cursor of this list");
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "unavailable", "Unavailable", detail, List.of());
    }

    /**
     * Each service serves these operations under its own path, and the merged document needs unique operation
     * ids: {@code listDeadLetters} of {@code /api/v1/dead-letters/memory-balancer} becomes
     * {@code listMemoryBalancerDeadLetters}.
     */
    @OpenApiFilter(OpenApiFilter.RunStage.BUILD)
    public static class OperationIds implements OASFilter {
        static final String PREFIX = "/api/v1/dead-letters/";

        @Override
        public void filterOpenAPI(OpenAPI openAPI) {
            if (openAPI.getPaths() == null) {
                return;
            }
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith(PREFIX)) {
                    String service = path.substring(PREFIX.length()).split("/")[0];
                    item.getOperations().values().forEach(operation -> operation.setOperationId(
                            operation.getOperationId().replace("DeadLetter", pascal(service) + "DeadLetter")));
                }
            });
        }

        static String pascal(String service) {
            StringBuilder out = new StringBuilder();
            for (String part : service.split("-")) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            return out.toString();
        }
    }
}
