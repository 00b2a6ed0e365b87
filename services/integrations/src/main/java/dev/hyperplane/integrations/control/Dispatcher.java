package dev.hyperplane.integrations.control;

import dev.hyperplane.integrations.command.DisableWebhook;
import dev.hyperplane.integrations.domain.AttemptOutcome;
import dev.hyperplane.integrations.domain.DeliveryHeaders;
import dev.hyperplane.integrations.domain.DeliverySettings;
import dev.hyperplane.integrations.domain.SubjectOrder;
import dev.hyperplane.integrations.domain.WebhookSecret;
import dev.hyperplane.integrations.query.Deliveries;
import dev.hyperplane.integrations.query.WebhookView;
import dev.hyperplane.integrations.query.Webhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * Sends due deliveries, in a loop every {@code hyperplane.integrations.dispatch-interval}. Every replica runs it: each claims what it sends (a lease in the database), so a
 * delivery goes out from one replica at a time, and one that dies mid-attempt leaves a claim that lapses and is
 * sent again with the same {@code webhook-id}. Per subscription, {@link SubjectOrder} picks what may go: the oldest
 * pending delivery of each subject, a few at most in flight.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** The pause after a round that started attempts: their answers free slots soon. */
    private static final long BUSY_PAUSE_MS = 20;

    @Inject
    Deliveries deliveries;
    @Inject
    Webhooks webhooks;
    @Inject
    WebhookClient client;
    @Inject
    DeliverySettings settings;
    @Inject
    CommandGateway commands;
    @Inject
    Clock clock;

    /** Records answers off Vert.x' event loop: recording is blocking JDBC. */
    private final ExecutorService recorder = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "delivery-recorder");
        thread.setDaemon(true);
        return thread;
    });
    private final RandomGenerator random = RandomGenerator.getDefault();

    @ConfigProperty(name = "hyperplane.integrations.dispatch-interval")
    Duration interval;
    private volatile boolean running;
    private Thread loop;

    /** Its own loop, not the scheduler: Quarkus' scheduler runs nothing more often than once a second. */
    void onStart(@Observes StartupEvent event) {
        running = true;
        loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(5000);
        recorder.shutdown();
    }

    private void run() {
        while (running) {
            int started = 0;
            try {
                started = dispatch();
            } catch (RuntimeException e) {
                // the database away: the next round tries again, nothing claimed is lost (claims lapse)
                LOG.warnf("dispatch round failed: %s", e.toString());
            }
            try {
                Thread.sleep(started > 0 ? BUSY_PAUSE_MS : interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: claims and sends what is due; @return the attempts started */
    public int dispatch() {
        Instant now = clock.instant();
        int started = 0;
        for (String webhookId : deliveries.webhooksWithDue(now)) {
            for (SubjectOrder.Pending due : SubjectOrder.due(deliveries.heads(webhookId, now), now,
                    settings.maxInFlight())) {
                Optional<Deliveries.Claimed> claimed = deliveries.claim(due.position(), now,
                        now.plus(settings.claimLease()));
                if (claimed.isPresent()) {
                    send(claimed.get());
                    started++;
                }
            }
        }
        return started;
    }

    private void send(Deliveries.Claimed attempt) {
        Instant at = clock.instant();
        byte[] body = attempt.body().getBytes(StandardCharsets.UTF_8);
        List<WebhookSecret> secrets = webhooks.signingSecrets(attempt.webhookId(), at);
        if (secrets.isEmpty()) {
            return; // deleted since the claim: its deliveries went with it
        }
        client.post(attempt.url(), DeliveryHeaders.of(attempt.eventId(), at, body, secrets), body).whenCompleteAsync((answer, failure) -> {
            WebhookClient.Answer result = failure == null ? answer
                    : new WebhookClient.Answer(null, "the attempt failed: " + failure, 0);
            try {
                record(attempt, at, result);
            } catch (RuntimeException e) {
                // the claim lapses and the delivery is attempted again: at least once
                LOG.warnf(e, "could not record attempt %d of delivery %d", attempt.attempt(), attempt.deliveryId());
            }
        }, recorder);
    }

    private void record(Deliveries.Claimed attempt, Instant at, WebhookClient.Answer answer) {
        QuarkusTransaction.requiringNew().run(() -> {
            Optional<WebhookView> webhook = webhooks.find(attempt.webhookId());
            if (webhook.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            AttemptOutcome outcome = AttemptOutcome.of(answer.status(), answer.error(), attempt.attempt(), now,
                    webhook.get().failingSince(), settings.disableAfter(), settings.schedule(), random);
            String state = switch (outcome.kind()) {
                case DELIVERED -> "delivered";
                case GIVEN_UP -> "given-up";
                // stays pending: delivered once the subscription is active again
                case RETRY, UNSUBSCRIBED, ENDPOINT_DISABLED -> "pending";
            };
            String error = answer.error() != null ? answer.error() : outcome.reason();
            deliveries.record(attempt, at, answer.status(), answer.latencyMs(), error, state,
                    outcome.kind() == AttemptOutcome.Kind.RETRY ? outcome.nextAttemptAt() : null);
            webhooks.endpointAnswered(attempt.webhookId(), outcome.kind() == AttemptOutcome.Kind.DELIVERED, at);
            if (outcome.kind() == AttemptOutcome.Kind.UNSUBSCRIBED
                    || outcome.kind() == AttemptOutcome.Kind.ENDPOINT_DISABLED) {
                commands.sendAndWait(new DisableWebhook(attempt.webhookId(), outcome.reason()));
            }
        });
    }
}
