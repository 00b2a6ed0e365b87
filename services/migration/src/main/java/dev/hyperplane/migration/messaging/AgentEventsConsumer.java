package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestPanickedOnHost;
import dev.hyperplane.events.agent.HostFenceResult;
import dev.hyperplane.events.agent.MigrationPassCompletedOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.migration.command.CompleteMigration;
import dev.hyperplane.migration.command.FailMigration;
import dev.hyperplane.migration.command.RecordFenceResult;
import dev.hyperplane.migration.command.RecordPass;
import dev.hyperplane.migration.domain.HaRestartPlan;
import dev.hyperplane.migration.query.GuestHeartbeats;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.migration.query.Migrations;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the source host reports about a running migration: each pre-copy pass, the hand-off (the VM left for its
 * destination), or the migrate command refused or ended (its id is the migration id). Reports about VMs no
 * migration of this service moves are ignored. And what a fence of a failed host did, for its HA, and what HA's
 * guest monitoring judges guests by (their heartbeat, a panic, the VM's state: the newest fact wins, no inbox).
 */
@ApplicationScoped
public class AgentEventsConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    Migrations migrations;
    @Inject
    MigrationVms vms;
    @Inject
    GuestHeartbeats guests;

    @Override
    public String group() {
        return "migration-agent";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        Object data = event.data();
        if (data instanceof MigrationPassCompletedOnHost e) {
            forActive(event, e.vmId(), id -> new RecordPass(id, e.pass(), e.sentMb(), e.dirtyMb(), e.durationMs(),
                    e.allowedDowntimeMs()));
        } else if (data instanceof VmMigratedOnHost e) {
            forActive(event, e.vmId(), id -> new CompleteMigration(id, e.passes(), e.downtimeMs()));
        } else if (data instanceof HostFenceResult e) {
            // the VMs believed on the host now are the ones a confirmed fence restarts
            once(event, () -> CommandsFromEvents.send(commands, new RecordFenceResult(e.hostId(), e.commandId(),
                    e.fenced(), e.reason(), vms.onHost(e.hostId()).stream().map(v -> new HaRestartPlan.VmOnHost(
                            v.vmId(), v.state(), v.haPriority())).toList())));
        } else if (data instanceof GuestHeartbeatChanged e) {
            guests.heartbeat(e.vmId(), e.hostId(), e.status(), e.at());
        } else if (data instanceof GuestPanickedOnHost e) {
            guests.panicked(e.vmId(), e.hostId());
        } else if (data instanceof VmStateChangedOnHost e) {
            guests.state(e.vmId(), e.hostId(), e.to(), e.at());
        } else if (data instanceof AgentCommandRejected e) {
            once(event, () -> migrations.find(e.commandId())
                    .ifPresent(m -> commands.sendAndWait(new FailMigration(m.migrationId(), e.reason()))));
        }
    }

    private void forActive(InboundEvent event, String vmId, java.util.function.Function<String, Object> command) {
        once(event, () -> {
            Optional<String> migration = migrations.activeFor(vmId);
            migration.ifPresent(id -> commands.sendAndWait(command.apply(id)));
        });
    }
}
