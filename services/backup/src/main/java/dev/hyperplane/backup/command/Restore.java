package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.BackupSettings;
import dev.hyperplane.events.backup.RestoreCompleted;
import dev.hyperplane.events.backup.RestoreFailed;
import dev.hyperplane.events.backup.RestoreRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One restore (event-sourced): requested here, carried out by provisioning (the one authority for creating and
 * changing VMs, so quota and placement apply), ended by provisioning's answer. A durable deadline fails a restore
 * nobody answered, so none stays running; an answer that comes again or too late changes nothing.
 */
public class Restore {
    static final String TIMEOUT = "restore-timeout";

    @AggregateIdentifier
    private String restoreId;
    private String restorePointId;
    private String vmId;
    private String tenantId;
    private String mode;
    private boolean ended;

    protected Restore() {
        // for Axon
    }

    @CommandHandler
    public Restore(RequestRestore command, Clock clock, DeadlineManager deadlines, BackupSettings settings) {
        var config = command.config();
        apply(new RestoreRequested(command.restoreId(), command.restorePointId(), command.sourceVmId(),
                command.vmId(), command.tenantId(), command.mode(), command.name(), config.vcpus(),
                config.memoryMb(), config.guestOs(), config.generation(), config.secureBoot(), config.memory(),
                command.disks(), command.requestedBy(), clock.instant()));
        deadlines.schedule(settings.restoreTimeout(), TIMEOUT, new RestoreDeadline(command.restoreId()));
    }

    @CommandHandler
    public void handle(RecordRestoreResult command, Clock clock, DeadlineManager deadlines) {
        if (ended) {
            return;
        }
        deadlines.cancelAllWithinScope(TIMEOUT);
        if (command.succeeded()) {
            apply(new RestoreCompleted(restoreId, restorePointId, vmId, tenantId, mode, clock.instant()));
        } else {
            apply(new RestoreFailed(restoreId, restorePointId, vmId, tenantId, mode, command.reason(),
                    clock.instant()));
        }
    }

    @DeadlineHandler(deadlineName = TIMEOUT)
    void onTimeout(RestoreDeadline deadline, Clock clock, BackupSettings settings) {
        if (!ended) {
            apply(new RestoreFailed(restoreId, restorePointId, vmId, tenantId, mode, "provisioning did not finish "
                    + "the restore within " + settings.restoreTimeout().toSeconds() + " s", clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(RestoreRequested e) {
        restoreId = e.restoreId();
        restorePointId = e.restorePointId();
        vmId = e.vmId();
        tenantId = e.tenantId();
        mode = e.mode();
    }

    @EventSourcingHandler
    void on(RestoreCompleted e) {
        ended = true;
    }

    @EventSourcingHandler
    void on(RestoreFailed e) {
        ended = true;
    }
}
