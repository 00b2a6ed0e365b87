package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.BackupSettings;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.backup.BackupCompleted;
import dev.hyperplane.events.backup.BackupFailed;
import dev.hyperplane.events.backup.BackupRepositoryFull;
import dev.hyperplane.events.backup.BackupRequested;
import dev.hyperplane.events.backup.BackupStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One backup (event-sourced): queued, started on its VM's host, then completed with a restore point of its id or
 * failed with the reason (a backup that does not fit in the repository also raises an alert). Every path ends: a queued backup that has not started by its {@code startBy} fails, and a
 * started one whose host does not answer within {@code runTimeout} fails, both durable deadlines that outlive a
 * restart of the service. A result that comes again or too late changes nothing.
 */
public class BackupJob {
    static final String START_BY = "backup-start-by";
    static final String RUN_TIMEOUT = "backup-run-timeout";
    /** What a guest gives when it could not freeze: not application consistency. */
    private static final Set<String> NOT_APPLICATION = Set.of("crash");

    private enum State { QUEUED, RUNNING, ENDED }

    @AggregateIdentifier
    private String backupId;
    private String vmId;
    private String tenantId;
    private String consistency;
    private String hostId;
    private State state;

    protected BackupJob() {
        // for Axon
    }

    @CommandHandler
    public BackupJob(RequestBackup command, Clock clock, DeadlineManager deadlines) {
        apply(new BackupRequested(command.backupId(), command.vmId(), command.tenantId(), command.policyId(),
                command.trigger(), command.consistency(), command.scheduledFor(), command.startBy(),
                command.requestedBy(), clock.instant()));
        deadlines.schedule(command.startBy(), START_BY, new BackupDeadline(command.backupId()));
    }

    @CommandHandler
    public void handle(StartBackup command, Clock clock, DeadlineManager deadlines, BackupSettings settings) {
        if (state != State.QUEUED) {
            return;
        }
        deadlines.cancelAllWithinScope(START_BY);
        apply(new BackupStarted(backupId, vmId, command.hostId(), clock.instant()));
        apply(new BackupVmOnHost(backupId, command.hostId(), vmId));
        deadlines.schedule(settings.runTimeout(), RUN_TIMEOUT, new BackupDeadline(backupId));
    }

    @CommandHandler
    public void handle(RecordBackupResult command, Clock clock, DeadlineManager deadlines) {
        if (state != State.RUNNING) {
            return;
        }
        deadlines.cancelAllWithinScope(RUN_TIMEOUT);
        if ("application".equals(consistency) && NOT_APPLICATION.contains(command.consistency())) {
            apply(new BackupFailed(backupId, vmId, "the policy wants application consistency; the guest gave "
                    + command.consistency() + ": " + command.reason(), clock.instant()));
            return;
        }
        if (command.sizeMb() > command.repositoryFreeMb()) {
            apply(new BackupRepositoryFull(backupId, vmId, tenantId, command.sizeMb(), command.repositoryFreeMb(),
                    command.repositoryCapacityMb(), clock.instant()));
            apply(new BackupFailed(backupId, vmId, "the repository has " + command.repositoryFreeMb() + " MB free of "
                    + command.repositoryCapacityMb() + " MB; the backup needs " + command.sizeMb() + " MB",
                    clock.instant()));
            return;
        }
        long allocated = command.disks().stream().mapToLong(d -> d.allocatedMb()).sum();
        apply(new BackupCompleted(backupId, vmId, tenantId, command.hostId(), command.consistency(),
                command.reason(), command.full(), command.full() ? null : command.basedOn(), command.sizeMb(),
                allocated, command.freezeMs(), command.durationMs(), clock.instant(), command.disks()));
    }

    @CommandHandler
    public void handle(FailBackup command, Clock clock, DeadlineManager deadlines) {
        if (state == State.ENDED || state == null) {
            return;
        }
        deadlines.cancelAllWithinScope(START_BY);
        deadlines.cancelAllWithinScope(RUN_TIMEOUT);
        apply(new BackupFailed(backupId, vmId, command.reason(), clock.instant()));
    }

    @DeadlineHandler(deadlineName = START_BY)
    void onStartBy(BackupDeadline deadline, Clock clock) {
        if (state == State.QUEUED) {
            apply(new BackupFailed(backupId, vmId, "did not get its turn before its window closed: the hosts' and the "
                    + "fleet's backup limits were taken", clock.instant()));
        }
    }

    @DeadlineHandler(deadlineName = RUN_TIMEOUT)
    void onRunTimeout(BackupDeadline deadline, Clock clock, BackupSettings settings) {
        if (state == State.RUNNING) {
            apply(new BackupFailed(backupId, vmId, "no answer from host " + hostId + " within "
                    + settings.runTimeout().toSeconds() + " s", clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(BackupRequested e) {
        backupId = e.backupId();
        vmId = e.vmId();
        tenantId = e.tenantId();
        consistency = e.consistency();
        state = State.QUEUED;
    }

    @EventSourcingHandler
    void on(BackupStarted e) {
        hostId = e.hostId();
        state = State.RUNNING;
    }

    @EventSourcingHandler
    void on(BackupCompleted e) {
        state = State.ENDED;
    }

    @EventSourcingHandler
    void on(BackupFailed e) {
        state = State.ENDED;
    }
}
