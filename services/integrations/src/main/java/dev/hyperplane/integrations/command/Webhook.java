package dev.hyperplane.integrations.command;

import dev.hyperplane.events.webhook.WebhookChanged;
import dev.hyperplane.events.webhook.WebhookCreated;
import dev.hyperplane.events.webhook.WebhookDeleted;
import dev.hyperplane.events.webhook.WebhookDisabled;
import dev.hyperplane.events.webhook.WebhookSecretRotated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A webhook subscription (event-sourced): its endpoint, the event types it wants and whether deliveries go out.
 * Its signing secret is not part of it: secrets never enter an event (they would travel on Kafka), the API keeps
 * them sealed beside it. Setting what it already is changes nothing; a deleted subscription is gone for good.
 */
public class Webhook {

    @AggregateIdentifier
    private String webhookId;
    private String tenantId;
    private String url;
    private List<String> eventTypes;
    private boolean active;
    private boolean deleted;

    protected Webhook() {
        // for Axon
    }

    @CommandHandler
    public Webhook(CreateWebhook command, Clock clock) {
        apply(new WebhookCreated(command.webhookId(), command.tenantId(), command.url(), command.eventTypes(),
                command.active(), command.createdBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeWebhook command, Clock clock) {
        requireExists();
        if (url.equals(command.url()) && eventTypes.equals(command.eventTypes()) && active == command.active()) {
            return;
        }
        apply(new WebhookChanged(webhookId, tenantId, command.url(), command.eventTypes(), command.active(),
                command.changedBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(RotateWebhookSecret command, Clock clock) {
        requireExists();
        apply(new WebhookSecretRotated(webhookId, tenantId, clock.instant().plus(command.overlap()),
                command.rotatedBy(), clock.instant()));
    }

    /**
     * A subscription already inactive (or deleted while its last attempt ran) is left as it is: whoever
     * deactivated it said so first.
     */
    @CommandHandler
    public void handle(DisableWebhook command, Clock clock) {
        if (active && !deleted) {
            apply(new WebhookDisabled(webhookId, tenantId, url, command.reason(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(DeleteWebhook command, Clock clock) {
        requireExists();
        apply(new WebhookDeleted(webhookId, tenantId, command.deletedBy(), clock.instant()));
    }

    private void requireExists() {
        if (deleted) {
            throw new WebhookNotFound(webhookId);
        }
    }

    @EventSourcingHandler
    void on(WebhookCreated e) {
        webhookId = e.webhookId();
        tenantId = e.tenantId();
        url = e.url();
        eventTypes = e.eventTypes();
        active = e.active();
    }

    @EventSourcingHandler
    void on(WebhookChanged e) {
        url = e.url();
        eventTypes = e.eventTypes();
        active = e.active();
    }

    @EventSourcingHandler
    void on(WebhookDisabled e) {
        active = false;
    }

    @EventSourcingHandler
    void on(WebhookDeleted e) {
        deleted = true;
    }
}
