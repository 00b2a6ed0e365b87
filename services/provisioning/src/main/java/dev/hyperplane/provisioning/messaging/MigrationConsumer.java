package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.migration.HaHostCleared;
import dev.hyperplane.events.migration.HaHostFenced;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.command.AbandonMove;
import dev.hyperplane.provisioning.command.CompleteMove;
import dev.hyperplane.provisioning.command.ReserveMove;
import dev.hyperplane.provisioning.command.RestartElsewhere;
import dev.hyperplane.provisioning.query.PlacementStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * The migration service's side of a move: a migration that got its turn gets a destination reserved or a refusal (answered
 * as the VM's events), and where it ends decides where the VM is recorded; an HA restart of a fenced host's VM is
 * placed and created elsewhere the same way. Every answer is an event of the VM, so a redelivered request finds it
 * answered. A fenced host is kept out of placement until an operator clears it.
 */
@ApplicationScoped
public class MigrationConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    PlacementStore placement;

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
        } else if (event.data() instanceof HaRestartRequested restart) {
            command = new RestartElsewhere(restart.vmId(), restart.restartId(), restart.failedHostId());
        } else if (event.data() instanceof HaHostFenced fenced) {
            once(event, () -> placement.setFenced(fenced.hostId(), true)); // no new VMs until an operator clears it
            return;
        } else if (event.data() instanceof HaHostCleared cleared) {
            once(event, () -> placement.setFenced(cleared.hostId(), false));
            return;
        } else {
            return;
        }
        once(event, () -> CommandsFromEvents.send(commands, command));
    }
}
