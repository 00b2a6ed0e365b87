package dev.hyperplane.memory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.memory.query.Rebalances;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * What became of the rebalance decisions, from hyperplane.migration.events: a migration of cause rebalance takes
 * up the decision its {@code causeId} names, and how that migration ends is the decision's outcome (a failed or cancelled one frees its
 * host's cooldown, see {@link Rebalances#cooldownReleased()}). A migration's events share its VM's partition, so
 * they arrive in order; migrations of other causes are ignored.
 */
@ApplicationScoped
public class RebalanceOutcomeConsumer extends IdempotentConsumer {

    @Inject
    Rebalances rebalances;

    @Override
    public String group() {
        return "memory-balancer-migrations";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.MIGRATION_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        Object data = event.data();
        if (data instanceof MigrationRequested e && "rebalance".equals(e.cause()) && e.causeId() != null) {
            once(event, () -> rebalances.takenUp(e.causeId(), e.migrationId(), e.requestedAt()));
        } else if (data instanceof MigrationCompleted e) {
            once(event, () -> rebalances.ended(e.migrationId(), "completed", null, e.completedAt()));
        } else if (data instanceof MigrationEnded e) {
            once(event, () -> rebalances.ended(e.migrationId(), e.state(), e.reason(), e.endedAt()));
        }
    }
}
