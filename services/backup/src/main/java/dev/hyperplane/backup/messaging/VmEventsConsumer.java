package dev.hyperplane.backup.messaging;

import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.platform.messaging.VmStateChanges;
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
            } else {
                VmStateChanges.of(data).ifPresent(c -> vms.state(c.vmId(), c.state(), c.hostId()));
            }
        });
    }
}
