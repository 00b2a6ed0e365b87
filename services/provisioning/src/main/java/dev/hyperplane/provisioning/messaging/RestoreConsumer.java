package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.backup.RestoreRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.axon.ConflictRetry;
import dev.hyperplane.platform.messaging.EventForwarder;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.api.QuotaCheck;
import dev.hyperplane.provisioning.command.CreateVm;
import dev.hyperplane.provisioning.command.RestoreVm;
import dev.hyperplane.provisioning.query.Quotas;
import dev.hyperplane.provisioning.query.VmQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The backup service's restores, carried out where every VM is created and changed. A restore as a new VM is a
 * creation like the API's (the tenant's quota, then placement), whose VM starts from the restore point's disks; its
 * operation id is the restore's. A restore in place is the VM's own command. Whatever provisioning refuses is
 * answered with {@link VmRestoreFailed} and the reason, so that the restore ends.
 */
@ApplicationScoped
public class RestoreConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    EventStore eventStore;
    @Inject
    Quotas quotas;
    @Inject
    VmQueries vms;
    @Inject
    Clock clock;

    @Override
    public String group() {
        return "provisioning-restores";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.BACKUP_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (!(event.data() instanceof RestoreRequested restore)) {
            return;
        }
        once(event, () -> {
            if (restore.mode().equals("new-vm")) {
                createVm(restore);
            } else {
                restoreInPlace(restore);
            }
        });
    }

    private void createVm(RestoreRequested restore) {
        if (vms.vm(restore.vmId()).isPresent()) {
            return; // created before a crash kept this event from counting as read
        }
        try {
            // in a transaction of its own, like the API's: the quota's lock and the creation commit together
            ConflictRetry.inNewTransaction(() -> {
                QuotaCheck.require(quotas, restore.tenantId(), restore.vcpus(), restore.memoryMb(), restore.memory(),
                        null);
                commands.sendAndWait(new CreateVm(restore.vmId(), restore.tenantId(), restore.name(), restore.vcpus(),
                        restore.memoryMb(), restore.guestOs(), restore.generation(), restore.secureBoot(),
                        restore.memory(), restore.restoreId(), null, restore.requestedBy(), null, null,
                        restore.restoreId(), restore.disks()));
            });
        } catch (ProblemException e) {
            refuse(restore, e.getMessage());
        }
    }

    private void restoreInPlace(RestoreRequested restore) {
        try {
            commands.sendAndWait(new RestoreVm(restore.vmId(), restore.restoreId(), restore.restorePointId(),
                    restore.disks(), restore.requestedBy()));
        } catch (AggregateNotFoundException e) {
            refuse(restore, "provisioning has no VM " + restore.vmId());
        }
    }

    /** No VM carries this answer (none was created): it is an event of its own, published like the VMs'. */
    private void refuse(RestoreRequested restore, String reason) {
        eventStore.publish(GenericEventMessage.asEventMessage(new VmRestoreFailed(restore.vmId(), restore.tenantId(),
                restore.restoreId(), reason, null, clock.instant()))
                .andMetaData(Map.of(EventForwarder.TENANT_METADATA, restore.tenantId())));
    }
}
