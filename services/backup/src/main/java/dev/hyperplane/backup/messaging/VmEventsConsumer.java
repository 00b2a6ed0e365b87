package dev.hyperplane.backup.messaging;

import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * What backups are checked against, from hyperplane.vm.events: each VM's tenant (who may see and restore its
 * backups, and which default policy governs it), its guest (what consistency it can give) and where it runs (which
 * agent takes the backup).
 */
@ApplicationScoped
public class VmEventsConsumer extends IdempotentConsumer {

    @Inject
    BackupVms vms;

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
                vms.requested(e.vmId(), e.tenantId(), e.name(), e.guestOs().family(), e.guestOs().distribution(),
                        e.guestOs().version());
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
            } else if (data instanceof VmMoveStarted e) {
                vms.state(e.vmId(), "Moving", null);
            } else if (data instanceof VmMoved e) {
                vms.state(e.vmId(), "Running", e.destinationHostId());
            } else if (data instanceof VmMoveAbandoned e) {
                vms.state(e.vmId(), e.stateAfter(), null);
            }
        });
    }
}
