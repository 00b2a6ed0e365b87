package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.command.AbandonMove;
import dev.hyperplane.provisioning.command.CompleteMove;
import dev.hyperplane.provisioning.command.ReserveMove;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * The migration service's side of a move: a migration that got its turn gets a destination reserved or a refusal (answered
 * as the VM's events), and where it ends decides where the VM is recorded. Every answer is an event of the VM, so
 * a redelivered request finds it answered.
 */
@ApplicationScoped
public class MigrationConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;

    @Override
    public String group() {
        return "provisioning-migrations";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.MIGRATION_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        Object command;
        if (event.data() instanceof MigrationStarted started) {
            command = new ReserveMove(started.vmId(), started.migrationId(), started.targetHostId(), started.cause(),
                    started.mode());
        } else if (event.data() instanceof MigrationCompleted completed) {
            command = new CompleteMove(completed.vmId(), completed.migrationId(), completed.destinationHostId());
        } else if (event.data() instanceof MigrationEnded ended) {
            command = new AbandonMove(ended.vmId(), ended.migrationId(), ended.reason());
        } else {
            return;
        }
        once(event, () -> CommandsFromEvents.send(commands, command));
    }
}
