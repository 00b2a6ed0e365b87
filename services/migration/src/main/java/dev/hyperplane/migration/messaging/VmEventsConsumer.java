package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.migration.command.HaHost;
import dev.hyperplane.migration.command.RecordRestartOutcome;
import dev.hyperplane.migration.command.RefuseMigration;
import dev.hyperplane.migration.command.StartCopying;
import dev.hyperplane.migration.query.HaIncidents;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.MigrationMode;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.platform.messaging.VmStateChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * Provisioning's side of each migration (a destination reserved, or refused) and of each HA restart attempt (its
 * id starts with {@code ha-}: running elsewhere, refused or abandoned), and what a migration request is checked
 * against and HA restarts are ordered by (each VM's size, host, state, migration mode and HA priority), from
 * hyperplane.vm.events.
 */
@ApplicationScoped
public class VmEventsConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    MigrationVms vms;
    @Inject
    HaIncidents incidents;

    @Override
    public String group() {
        return "migration-vms";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.VM_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        Object data = event.data();
        once(event, () -> {
            VmStateChanges.of(data).ifPresent(c -> vms.state(c.vmId(), c.state(), c.hostId()));
            if (data instanceof VmRequested e) {
                vms.requested(e.vmId(), e.tenantId(), e.memoryMb(), MigrationMode.of(e.migrationMode()),
                        HaPriority.of(e.haPriority()));
            } else if (data instanceof VmHaPriorityChanged e) {
                vms.haPriority(e.vmId(), HaPriority.of(e.haPriority()));
            } else if (data instanceof VmMigrationModeChanged e) {
                vms.mode(e.vmId(), MigrationMode.of(e.migrationMode()));
            } else if (data instanceof VmResized e) {
                vms.resized(e.vmId(), e.memoryMb());
            } else if (data instanceof VmMoveStarted e) {
                if (!isRestart(e.migrationId())) { // an HA restart is created on its destination by provisioning
                    send(new StartCopying(e.migrationId(), e.sourceHostId(), e.destinationHostId()));
                }
            } else if (data instanceof VmMoveRefused e) {
                if (isRestart(e.migrationId())) {
                    restartOutcome(e.migrationId(), null, "refused by provisioning: " + e.reason());
                } else {
                    send(new RefuseMigration(e.migrationId(), "refused by provisioning: " + e.reason()));
                }
            } else if (data instanceof VmMoved e) {
                if (isRestart(e.migrationId())) {
                    restartOutcome(e.migrationId(), e.destinationHostId(), null);
                }
            } else if (data instanceof VmMoveAbandoned e) {
                if (isRestart(e.migrationId())) {
                    restartOutcome(e.migrationId(), null, e.reason());
                }
            }
        });
    }

    private static boolean isRestart(String moveId) {
        return moveId.startsWith(HaHost.RESTART_PREFIX);
    }

    /** Provisioning's answer to an HA restart attempt, for the failed host's HA. */
    private void restartOutcome(String restartId, String onHostId, String reason) {
        incidents.restart(restartId).ifPresent(r -> send(new RecordRestartOutcome(r.hostId(), r.vmId(), restartId,
                onHostId != null, onHostId, reason)));
    }

    private void send(Object command) {
        CommandsFromEvents.send(commands, command);
    }
}
