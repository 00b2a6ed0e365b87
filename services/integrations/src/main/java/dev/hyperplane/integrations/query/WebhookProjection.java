package dev.hyperplane.integrations.query;

import dev.hyperplane.events.webhook.WebhookChanged;
import dev.hyperplane.events.webhook.WebhookCreated;
import dev.hyperplane.events.webhook.WebhookDeleted;
import dev.hyperplane.events.webhook.WebhookDisabled;
import dev.hyperplane.events.webhook.WebhookSecretRotated;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * Writes {@code webhook} from the Webhook aggregate's events, in the command's transaction: a 2xx is never followed
 * by a read that does not show it, and the fan-out never matches an event against a subscription's old filter
 * after the API answered.
 */
@ApplicationScoped
@ProcessingGroup(WebhookProjection.PROCESSING_GROUP)
public class WebhookProjection {
    public static final String PROCESSING_GROUP = "webhook-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(WebhookCreated e) {
        Sql.update(dataSource, """
                INSERT INTO webhook (webhook_id, tenant_id, url, event_types, active, created_by, created_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (webhook_id) DO NOTHING""",
                e.webhookId(), e.tenantId(), e.url(), e.eventTypes().toArray(String[]::new), e.active(),
                e.createdBy(), ts(e.createdAt()), ts(e.createdAt()));
    }

    /** Activating again clears the reason it was disabled and its failure streak: deliveries resume from now. */
    @EventHandler
    void on(WebhookChanged e) {
        Sql.update(dataSource, """
                UPDATE webhook SET url = ?, event_types = ?, changed_at = ?,
                    disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END,
                    failing_since = CASE WHEN ? AND NOT active THEN NULL ELSE failing_since END,
                    active = ?
                WHERE webhook_id = ?""",
                e.url(), e.eventTypes().toArray(String[]::new), ts(e.changedAt()), e.active(), e.active(),
                e.active(), e.webhookId());
    }

    @EventHandler
    void on(WebhookSecretRotated e) {
        Sql.update(dataSource, "UPDATE webhook SET previous_valid_until = ?, changed_at = ? WHERE webhook_id = ?",
                ts(e.previousValidUntil()), ts(e.rotatedAt()), e.webhookId());
    }

    @EventHandler
    void on(WebhookDisabled e) {
        Sql.update(dataSource, """
                UPDATE webhook SET active = FALSE, disabled_reason = ?, changed_at = ? WHERE webhook_id = ?""",
                e.reason(), ts(e.disabledAt()), e.webhookId());
    }

    /** Its deliveries go with it (cascade); the events stay in the history for the other subscriptions. */
    @EventHandler
    void on(WebhookDeleted e) {
        Sql.update(dataSource, "DELETE FROM webhook_secret WHERE webhook_id = ?", e.webhookId());
        Sql.update(dataSource, "DELETE FROM webhook WHERE webhook_id = ?", e.webhookId());
    }
}
