package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.migration.command.RefuseMigration;
import dev.hyperplane.migration.command.StartCopying;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.placement.MigrationMode;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * Provisioning's side of each migration (a destination reserved, or refused) and what a migration request is
 * checked against (each VM's size, host, state and migration mode), from hyperplane.vm.events.
 */
@ApplicationScoped
public class VmEventsConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    MigrationVms vms;

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
            if (data instanceof VmRequested e) {
                vms.requested(e.vmId(), e.tenantId(), e.memoryMb(), MigrationMode.of(e.migrationMode()));
            } else if (data instanceof VmMigrationModeChanged e) {
                vms.mode(e.vmId(), MigrationMode.of(e.migrationMode()));
            } else if (data instanceof VmPlaced e) {
                vms.state(e.vmId(), "Placed", e.hostId());
            } else if (data instanceof VmStarted e) {
                vms.state(e.vmId(), "Running", e.hostId());
            } else if (data instanceof VmFailed e) {
                vms.state(e.vmId(), "Failed", null);
            } else if (data instanceof VmOperationCompleted e) {
                vms.state(e.vmId(), e.state(), null);
            } else if (data instanceof VmReconciled e && !e.correction().equals("tear-down")) {
                vms.state(e.vmId(), e.state(), e.hostId());
            } else if (data instanceof VmResized e) {
                vms.resized(e.vmId(), e.memoryMb());
            } else if (data instanceof VmMoveStarted e) {
                vms.state(e.vmId(), "Moving", null);
                send(new StartCopying(e.migrationId(), e.sourceHostId(), e.destinationHostId()));
            } else if (data instanceof VmMoveRefused e) {
                send(new RefuseMigration(e.migrationId(), "refused by provisioning: " + e.reason()));
            } else if (data instanceof VmMoved e) {
                vms.state(e.vmId(), "Running", e.destinationHostId());
            } else if (data instanceof VmMoveAbandoned e) {
                vms.state(e.vmId(), "Running", null);
            }
        });
    }

    private void send(Object command) {
        CommandsFromEvents.send(commands, command);
    }
}
