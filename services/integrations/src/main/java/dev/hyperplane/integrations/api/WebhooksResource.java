package dev.hyperplane.integrations.api;

import dev.hyperplane.integrations.command.ChangeWebhook;
import dev.hyperplane.integrations.command.CreateWebhook;
import dev.hyperplane.integrations.command.DeleteWebhook;
import dev.hyperplane.integrations.command.RotateWebhookSecret;
import dev.hyperplane.integrations.control.WebhookClient;
import dev.hyperplane.integrations.domain.DeliveryHeaders;
import dev.hyperplane.integrations.domain.DeliverySettings;
import dev.hyperplane.integrations.domain.EventAudience;
import dev.hyperplane.integrations.domain.EventTypeFilter;
import dev.hyperplane.integrations.domain.TargetPolicy;
import dev.hyperplane.integrations.domain.WebhookSecret;
import dev.hyperplane.integrations.messaging.StructuredCloudEvent;
import dev.hyperplane.integrations.query.Deliveries;
import dev.hyperplane.integrations.query.DeliveryView;
import dev.hyperplane.integrations.query.EventHistory;
import dev.hyperplane.integrations.query.StoredEvent;
import dev.hyperplane.integrations.query.WebhookView;
import dev.hyperplane.integrations.query.Webhooks;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Webhook subscriptions: a tenant's (its tenant admins write them; they receive its own VMs' events of the types
 * tenants receive) and the fleet's (fleet admins; any public event). Another tenant's subscription is answered as
 * not found.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Signed HTTP callbacks of the control plane's events, with retries and replay")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "404", description = "No such subscription, or another tenant's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhooksResource {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Webhooks webhooks;
    @Inject
    Deliveries deliveries;
    @Inject
    EventHistory history;
    @Inject
    CommandGateway commands;
    @Inject
    Caller caller;
    @Inject
    TargetPolicy targets;
    @Inject
    DeliverySettings settings;
    @Inject
    WebhookClient client;
    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "listWebhooks", summary = "Webhook subscriptions, by id", description = "A tenant "
            + "admin sees its tenant's; a fleet admin every subscription, or a tenant's with tenant=.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions")
    public Page<WebhookView> list(@QueryParam("tenant") String tenant, @QueryParam("limit") Integer limit,
                                  @QueryParam("cursor") String cursor) {
        int pageSize = Page.limit(limit);
        return Page.of(webhooks.list(caller.tenantFilter(tenant), cursor, pageSize + 1), pageSize,
                WebhookView::webhookId);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "getWebhook", summary = "A webhook subscription", description = "Its endpoint, event "
            + "types, whether it is active (and why the service disabled it), until when a rotated secret still signs, "
            + "and since when its endpoint has failed.")
    @APIResponse(responseCode = "200", description = "The subscription (never its secret)")
    public WebhookView get(@PathParam("id") String id) {
        return visible(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "createWebhook", summary = "Subscribe an endpoint to events", description = "The "
            + "service generates the signing secret and shows it in this answer only. Deliveries are CloudEvents in "
            + "structured mode (application/cloudevents+json) signed with Standard Webhooks' headers "
            + "(webhook-id, webhook-timestamp, webhook-signature).")
    @APIResponse(responseCode = "201", description = "Subscribed; the body holds the secret, shown this once")
    @APIResponse(responseCode = "422", description = "A URL or event type that cannot be used, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull(message = "a JSON body is required") WebhookRequest request) {
        String tenant = caller.isFleetAdmin() ? blankToNull(request.tenantId())
                : caller.tenantForNew(request.tenantId(), "tenantId");
        List<String> types = request.eventTypes() == null ? List.of() : request.eventTypes();
        check(request.url(), types, tenant, true);
        String id = UUID.randomUUID().toString();
        WebhookSecret secret = WebhookSecret.generate(RANDOM);
        QuarkusTransaction.requiringNew().run(() -> {
            commands.sendAndWait(new CreateWebhook(id, tenant, request.url(), types,
                    request.active() == null || request.active(), caller.name()));
            webhooks.storeSecret(id, secret);
        });
        return Response.created(URI.create("/api/v1/webhooks/" + id))
                .entity(new WebhookSecretView(webhooks.find(id).orElseThrow(), secret.text())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "changeWebhook", summary = "Change a subscription", description = "Fields left out "
            + "keep their value. Setting active to true resumes a subscription the service disabled; its pending "
            + "deliveries go out again.")
    @APIResponse(responseCode = "200", description = "The subscription as changed")
    @APIResponse(responseCode = "422", description = "A URL or event type that cannot be used, naming the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookView change(@PathParam("id") String id,
                              @NotNull(message = "a JSON body is required") WebhookRequest request) {
        WebhookView current = visible(id);
        if (request.tenantId() != null && !request.tenantId().equals(current.tenantId())) {
            throw ProblemException.invalidField(422, "tenantId", "a subscription's tenant cannot change");
        }
        String url = request.url() == null ? current.url() : request.url();
        List<String> types = request.eventTypes() == null ? current.eventTypes() : request.eventTypes();
        check(url, types, current.tenantId(), request.url() != null);
        commands.sendAndWait(new ChangeWebhook(id, url, types,
                request.active() == null ? current.active() : request.active(), caller.name()));
        return webhooks.find(id).orElseThrow();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe", description = "Nothing more is delivered; "
            + "its delivery log goes with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        visible(id);
        commands.sendAndWait(new DeleteWebhook(id, caller.name()));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "rotateWebhookSecret", summary = "Replace the signing secret", description = "The new "
            + "secret is shown this once. Until previousSecretValidUntil every delivery carries a signature with "
            + "each secret, so the receiver can switch without losing a delivery.")
    @APIResponse(responseCode = "200", description = "The subscription and its new secret")
    public WebhookSecretView rotate(@PathParam("id") String id) {
        visible(id);
        WebhookSecret secret = WebhookSecret.generate(RANDOM);
        QuarkusTransaction.requiringNew().run(() -> {
            commands.sendAndWait(new RotateWebhookSecret(id, settings.rotationOverlap(), caller.name()));
            webhooks.storeSecret(id, secret);
        });
        return new WebhookSecretView(webhooks.find(id).orElseThrow(), secret.text());
    }

    @POST
    @Path("/{id}/ping")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "pingWebhook", summary = "Send a test delivery", description = "A CloudEvent of type "
            + StructuredCloudEvent.PING_TYPE + ", signed like every delivery, sent once now; the answer says what "
            + "the endpoint did. It is not retried and not in the delivery log.")
    @APIResponse(responseCode = "200", description = "What the endpoint answered")
    public PingResult ping(@PathParam("id") String id) throws Exception {
        WebhookView webhook = visible(id);
        Instant at = clock.instant();
        String eventId = "ping-" + UUID.randomUUID();
        byte[] body = StructuredCloudEvent.ping(id, eventId, at).getBytes(StandardCharsets.UTF_8);
        WebhookClient.Answer answer = client.post(webhook.url(),
                DeliveryHeaders.of(eventId, at, body, webhooks.signingSecrets(id, at)), body)
                .toCompletableFuture().get(settings.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        boolean delivered = answer.status() != null && answer.status() / 100 == 2;
        return new PingResult(delivered, answer.status(), answer.latencyMs(),
                answer.error() != null ? answer.error() : delivered ? null : "the endpoint answered " + answer.status());
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log", description = "Newest first: "
            + "each event with its attempts (time, status, latency, error) and, while pending, its next attempt.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") String id, @QueryParam("state") String state,
                                         @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        visible(id);
        if (state != null && !List.of("pending", "delivered", "given-up").contains(state)) {
            throw ProblemException.invalidField(400, "state", "one of pending, delivered, given-up");
        }
        int pageSize = Page.limit(limit);
        return Page.of(deliveries.log(id, state, position(cursor, "cursor"), pageSize + 1), pageSize,
                DeliveryView::deliveryId);
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "replayWebhook", summary = "Deliver past events again", description = "Every event the "
            + "subscription would have received since a time or after a feed position is queued again, in order, "
            + "with its original id (webhook-id), so receivers can drop what they already have. Reaches back as far "
            + "as the service keeps history (7 days by default).")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "422", description = "No start, both, or one older than the history kept",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") String id,
                           @NotNull(message = "a JSON body is required") ReplayRequest request) {
        WebhookView webhook = visible(id);
        if ((request.from() == null) == (request.after() == null)) {
            throw ProblemException.invalidField(422, "from", "give either from (a time) or after (a feed position)");
        }
        Instant now = clock.instant();
        long after;
        if (request.from() != null) {
            if (request.from().isBefore(now.minus(settings.history()))) {
                throw ProblemException.invalidField(422, "from", "history is kept for " + settings.history()
                        + "; the oldest event kept occurred at " + history.oldest().map(Instant::toString)
                        .orElse("(none)"));
            }
            after = history.firstAtOrAfter(request.from()).map(p -> p - 1).orElse(Long.MAX_VALUE);
        } else {
            after = position(request.after(), "after");
        }
        List<StoredEvent> events = new ArrayList<>();
        for (List<StoredEvent> page = history.after(after, webhook.tenantId(), 1000); !page.isEmpty();
             page = history.after(page.get(page.size() - 1).position(), webhook.tenantId(), 1000)) {
            page.stream().filter(e -> new EventTypeFilter(webhook.eventTypes()).matches(e.type())).forEach(events::add);
        }
        int queued = QuarkusTransaction.requiringNew().call(() -> deliveries.replay(id, events, now));
        return Response.accepted(new ReplayResult(queued)).build();
    }

    private WebhookView visible(String id) {
        return webhooks.find(id).filter(w -> caller.isFleetAdmin() || w.tenantId() != null
                && caller.canSee(w.tenantId())).orElseThrow(() -> ProblemException.notFound("webhook", id));
    }

    /** The URL and event types, each refused with its field and the reason; the URL's literal address too. */
    private void check(String url, List<String> types, String tenant, boolean checkUrl) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (checkUrl) {
            urlRefusal(url).ifPresent(reason -> errors.add(new Problem.FieldError("url", reason)));
        }
        if (types.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "at least one event type or prefix (e.g. "
                    + "dev.hyperplane.vm.*)"));
        }
        for (int i = 0; i < types.size(); i++) {
            String pattern = types.get(i);
            String refusal = pattern == null ? "an event type, not null" : EventTypeFilter.refusal(pattern);
            if (refusal == null && tenant != null && !EventAudience.tenantCanMatch(pattern)) {
                refusal = "a tenant receives only its VMs', backups' and guests' events, and its webhooks'";
            }
            if (refusal != null) {
                errors.add(new Problem.FieldError("eventTypes[" + i + "]", refusal));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.fields(422, "invalid-webhook", "Invalid webhook", errors);
        }
    }

    private Optional<String> urlRefusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("a URL is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getReason());
        }
        Optional<String> refusal = targets.refusal(uri);
        if (refusal.isPresent()) {
            return refusal;
        }
        // an address written in the URL is judged now; a name is judged at every delivery, after resolving it
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return targets.refusal(host, List.of(InetAddress.getByName(host)));
            } catch (java.net.UnknownHostException e) {
                return Optional.of("not an address: " + host);
            }
        }
        return Optional.empty();
    }

    private static Long position(String cursor, String field) {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(400, field, "a position as a previous answer gave it");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
