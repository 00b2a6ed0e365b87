package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaHostCleared;
import dev.hyperplane.events.migration.HaHostFenced;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.command.AbandonMove;
import dev.hyperplane.provisioning.command.CompleteMove;
import dev.hyperplane.provisioning.command.RequestVmOperation;
import dev.hyperplane.provisioning.command.ReserveMove;
import dev.hyperplane.provisioning.command.RestartElsewhere;
import dev.hyperplane.provisioning.command.VmAction;
import dev.hyperplane.provisioning.command.VmRequestRefused;
import dev.hyperplane.provisioning.command.VmStatus;
import dev.hyperplane.provisioning.query.PlacementStore;
import dev.hyperplane.provisioning.query.VmQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.List;

/**
 * The migration service's side of a move: a migration that got its turn gets a destination reserved or a refusal (answered
 * as the VM's events), and where it ends decides where the VM is recorded; an HA restart of a fenced host's VM is
 * placed and created elsewhere the same way. Every answer is an event of the VM, so a redelivered request finds it
 * answered. A fenced host is kept out of placement until an operator clears it, a quarantined one until its
 * quarantine ends. A hung guest HA resets is restarted
 * like any VM.
 */
@ApplicationScoped
public class MigrationConsumer extends IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(MigrationConsumer.class);

    @Inject
    CommandGateway commands;
    @Inject
    PlacementStore placement;
    @Inject
    VmQueries vms;

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
        } else if (event.data() instanceof HaGuestResetRequested reset) {
            once(event, () -> resetHungGuest(reset));
            return;
        } else if (event.data() instanceof HaHostFenced fenced) {
            once(event, () -> placement.setFenced(fenced.hostId(), true)); // no new VMs until an operator clears it
            return;
        } else if (event.data() instanceof HaHostCleared cleared) {
            once(event, () -> placement.setFenced(cleared.hostId(), false));
            return;
        } else if (event.data() instanceof HaHostQuarantined quarantined) {
            once(event, () -> placement.setQuarantined(quarantined.hostId(), true));
            return;
        } else if (event.data() instanceof HaHostQuarantineEnded ended) {
            once(event, () -> placement.setQuarantined(ended.hostId(), false));
            return;
        } else {
            return;
        }
        once(event, () -> CommandsFromEvents.send(commands, command));
    }

    /**
     * A hung guest is reset as a restart operation of the VM requested by ha (the operation id is the reset's), so
     * it shows in the VM's history; a VM that is no longer Running (stopped, deleted meanwhile) needs none.
     */
    private void resetHungGuest(HaGuestResetRequested reset) {
        if (!vms.vm(reset.vmId()).map(vm -> vm.state().equals(VmStatus.RUNNING.label())).orElse(false)) {
            LOG.infof("HA reset %s of VM %s not done: it is not Running", reset.resetId(), reset.vmId());
            return;
        }
        try {
            // in a transaction of its own: a refusal rolls back the restart only, and the event still counts as read
            QuarkusTransaction.requiringNew().run(() -> commands.sendAndWait(new RequestVmOperation(reset.vmId(),
                    reset.resetId(), VmAction.RESTART, true, null, "ha")));
        } catch (VmRequestRefused e) {
            LOG.infof("HA reset %s of VM %s not done: %s", reset.resetId(), reset.vmId(), e.getMessage());
        }
    }
}
