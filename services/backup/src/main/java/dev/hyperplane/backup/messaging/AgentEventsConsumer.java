package dev.hyperplane.backup.messaging;

import dev.hyperplane.backup.command.FailBackup;
import dev.hyperplane.backup.command.RecordBackupResult;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.backup.query.Repository;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * The hosts' side of each backup, from hyperplane.agent.events: the backup a host completed (its id is the job's,
 * given as the command id) with what it reached and read and the repository's room for it, or the host's refusal. Backups of no job of this service
 * (taken by hand on an agent) are left alone.
 */
@ApplicationScoped
public class AgentEventsConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    Backups backups;
    @Inject
    Repository repository;

    @Override
    public String group() {
        return "backup-agent";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        Object command;
        if (event.data() instanceof BackupCompletedOnHost done && done.full() != null
                && backups.find(done.backupId()).isPresent()) {
            command = new RecordBackupResult(done.backupId(), done.hostId(), done.consistency(), done.reason(),
                    done.full(), done.basedOn(), done.readMb(), done.freezeMs(), done.durationMs(), done.disks(),
                    repository.freeMb(), repository.capacityMb());
        } else if (event.data() instanceof AgentCommandRejected rejected
                && backups.find(rejected.commandId()).isPresent()) {
            command = new FailBackup(rejected.commandId(), "refused by host " + rejected.hostId() + ": "
                    + rejected.reason());
        } else {
            return;
        }
        once(event, () -> CommandsFromEvents.send(commands, command));
    }
}
