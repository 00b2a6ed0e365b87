package dev.hyperplane.backup.messaging;

import dev.hyperplane.backup.command.RecordRestoreResult;
import dev.hyperplane.backup.domain.VmConfig;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.backup.query.Restores;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.platform.messaging.VmStateChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What backups are checked against, from hyperplane.vm.events: each VM's tenant (who may see and restore its
 * backups, and which default policy governs it), its guest (what consistency it can give) and where it runs (which
 * agent takes the backup); and provisioning's answers to restores.
 */
@ApplicationScoped
public class VmEventsConsumer extends IdempotentConsumer {

    @Inject
    BackupVms vms;
    @Inject
    Restores restores;
    @Inject
    CommandGateway commands;

    /**
     * Provisioning's answer to a restore: a new VM that starts or fails, an in-place restore that ends either way.
     * The restores of another installation on the same bus are no one's here.
     */
    private Optional<RecordRestoreResult> restoreResult(Object data) {
        if (data instanceof VmStarted e) {
            return restores.runningNewVm(e.vmId()).map(id -> new RecordRestoreResult(id, true, null));
        } else if (data instanceof VmFailed e) {
            return restores.runningNewVm(e.vmId()).map(id -> new RecordRestoreResult(id, false,
                    "the new VM failed: " + e.reason()));
        } else if (data instanceof VmRestored e) {
            return Optional.of(new RecordRestoreResult(e.restoreId(), true, null));
        } else if (data instanceof VmRestoreFailed e) {
            return Optional.of(new RecordRestoreResult(e.restoreId(), false, e.reason()));
        }
        return Optional.empty();
    }

    @Override
    public String group() {
        return "backup-vms";
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
                vms.requested(e.vmId(), e.tenantId(), e.name(), new VmConfig(e.vcpus(), e.memoryMb(), e.guestOs(),
                        e.generation(), e.secureBoot(), e.memory()));
            } else if (data instanceof VmResized e) {
                vms.resized(e.vmId(), e.vcpus(), e.memoryMb(), e.memory());
            } else {
                VmStateChanges.of(data).ifPresent(c -> vms.state(c.vmId(), c.state(), c.hostId()));
            }
            restoreResult(data).ifPresent(result -> CommandsFromEvents.send(commands, result));
        });
    }
}
