package dev.hyperplane.integrations.config;

import dev.hyperplane.integrations.command.Webhook;
import dev.hyperplane.integrations.domain.DeliverySettings;
import dev.hyperplane.integrations.domain.RetrySchedule;
import dev.hyperplane.integrations.domain.SecretBox;
import dev.hyperplane.integrations.domain.TargetPolicy;
import dev.hyperplane.integrations.query.WebhookProjection;
import dev.hyperplane.platform.axon.AxonModule;
import dev.hyperplane.platform.messaging.PrunedTable;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.axonframework.config.Configurer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Duration;

/** The integrations service's part of the Axon configuration, and its settings from configuration. */
@ApplicationScoped
public class IntegrationsAxonModule implements AxonModule {

    @Inject
    WebhookProjection webhooks;
    @ConfigProperty(name = "hyperplane.integrations.allow-http")
    boolean allowHttp;
    @ConfigProperty(name = "hyperplane.integrations.allow-loopback")
    boolean allowLoopback;
    @ConfigProperty(name = "hyperplane.integrations.allow-private")
    boolean allowPrivate;
    @ConfigProperty(name = "hyperplane.integrations.secret-key")
    String secretKey;
    @ConfigProperty(name = "hyperplane.integrations.delivery-timeout")
    Duration timeout;
    @ConfigProperty(name = "hyperplane.integrations.retry-scale")
    double retryScale;
    @ConfigProperty(name = "hyperplane.integrations.disable-after")
    Duration disableAfter;
    @ConfigProperty(name = "hyperplane.integrations.max-in-flight")
    int maxInFlight;
    @ConfigProperty(name = "hyperplane.integrations.claim-lease")
    Duration claimLease;
    @ConfigProperty(name = "hyperplane.integrations.rotation-overlap")
    Duration rotationOverlap;
    @ConfigProperty(name = "hyperplane.integrations.history")
    Duration history;

    @Produces
    @Singleton
    DeliverySettings settings() {
        return new DeliverySettings(timeout, RetrySchedule.standard().scaled(retryScale), disableAfter, maxInFlight,
                claimLease, rotationOverlap, history);
    }

    @Produces
    @Singleton
    TargetPolicy targetPolicy() {
        return new TargetPolicy(allowHttp, allowLoopback, allowPrivate);
    }

    @Produces
    @Singleton
    SecretBox secretBox() {
        return new SecretBox(secretKey, new SecureRandom());
    }

    /** The history reaches back as far as replay may; deliveries and attempts of pruned events go with them. */
    @Produces
    @Singleton
    PrunedTable eventHistory() {
        return new PrunedTable("integration_event", "occurred_at", "TRUE", history);
    }

    /** No key, no start: a service that cannot seal secrets must not accept subscriptions. */
    void checkKey(@Observes StartupEvent event, SecretBox box) {
        box.seal("check", "startup");
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Webhook.class);
        configurer.eventProcessing(processing -> processing
                // in the command's own transaction: a 2xx is never followed by a read that does not show it
                .registerEventHandler(c -> webhooks)
                .registerSubscribingEventProcessor(WebhookProjection.PROCESSING_GROUP));
    }
}
