package dev.hyperplane.migration.command;

import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationProgressed;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.migration.domain.MigrationDeadlines;
import dev.hyperplane.migration.domain.MigrationPolicy;
import dev.hyperplane.migration.domain.MigrationState;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One live migration (event-sourced): asked for and queued until the concurrency limits give it a turn, a
 * destination reserved by provisioning (or refused), pre-copy passes on the source host under the policy's
 * convergence schedule, and one terminal state. Its events are the outbox: the public ones go to
 * hyperplane.migration.events, the agent commands to the source host's agent, under stable ids (the migrate
 * command's id is the migration id, so the host's answer finds it). Two durable deadlines (completion, no progress)
 * guarantee it ends once it copies; every answer that comes again or too late changes nothing.
 */
public class Migration {
    static final String COMPLETION = "migration-completion";
    static final String NO_PROGRESS = "migration-no-progress";

    @AggregateIdentifier
    private String migrationId;
    private String vmId;
    private MigrationPolicy policy;
    /** live or quick */
    private String mode;
    private long memoryMb;
    private String targetHostId;
    private String cause;
    private Instant requestedAt;
    private MigrationState state;
    private String sourceHostId;
    private String destinationHostId;
    /** Set when an operator or a deadline stopped it: how it ends when the host confirms. */
    private String stopsAs;

    protected Migration() {
        // for Axon
    }

    @CommandHandler
    public Migration(RequestMigration command, Clock clock) {
        MigrationPolicy chosen = MigrationPolicy.of(command.policy())
                .orElseThrow(() -> new IllegalArgumentException("unknown policy " + command.policy()));
        apply(new MigrationRequested(command.migrationId(), command.vmId(), command.targetHostId(), chosen.id(),
                command.mode(), command.cause(), command.requestedBy(), clock.instant(), command.sourceHostId(),
                command.causeId()));
        apply(new MigrationSized(command.migrationId(), command.memoryMb()));
    }

    /** Its turn came: provisioning reserves a destination now. Only a queued migration starts, and only once. */
    @CommandHandler
    public void handle(AdmitMigration command, Clock clock) {
        if (state != MigrationState.QUEUED) {
            return;
        }
        apply(new MigrationStarted(migrationId, vmId, command.sourceHostId(), targetHostId, mode, cause,
                Math.max(0, clock.millis() - requestedAt.toEpochMilli()), clock.instant()));
    }

    @CommandHandler
    public void handle(StartCopying command, Clock clock, DeadlineManager deadlines, MigrationDeadlines limits) {
        if (state != MigrationState.PREPARING) {
            return;
        }
        if (stopsAs != null) { // cancelled while provisioning reserved: it lets go of the destination
            apply(new MigrationEnded(migrationId, vmId, stopsAs, "cancelled before it started", clock.instant()));
            return;
        }
        apply(new MigrateVmOnHost(migrationId, command.sourceHostId(), vmId, command.destinationHostId(),
                policy.allowedDowntimeMs(), policy.stallWindow(), policy.finalStopAndCopyMs(), mode));
        apply(new MigrationProgressed(migrationId, vmId, MigrationState.COPYING.label(), 0, 0, 0, 0,
                policy.allowedAfterPass(1), clock.instant()));
        deadlines.schedule(limits.completionFor(memoryMb), COMPLETION, new MigrationDeadline(migrationId, COMPLETION));
        deadlines.schedule(limits.noProgress(), NO_PROGRESS, new MigrationDeadline(migrationId, NO_PROGRESS));
    }

    /** The VM cannot move as asked (provisioning's answer, or a check before it was asked): it ends failed. */
    @CommandHandler
    public void handle(RefuseMigration command, Clock clock) {
        if (state == MigrationState.QUEUED || state == MigrationState.PREPARING) {
            apply(new MigrationEnded(migrationId, vmId, stopsAs != null ? stopsAs : MigrationState.FAILED.label(),
                    command.reason(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RecordPass command, Clock clock, DeadlineManager deadlines, MigrationDeadlines limits) {
        if (state != MigrationState.COPYING) {
            return;
        }
        long allowed = command.allowedDowntimeMs() != null ? command.allowedDowntimeMs()
                : policy.allowedAfterPass(command.pass());
        apply(new MigrationProgressed(migrationId, vmId, MigrationState.COPYING.label(), command.pass(),
                command.sentMb(), command.dirtyMb(), command.durationMs() == null ? 0 : command.durationMs(), allowed,
                clock.instant()));
        deadlines.cancelAllWithinScope(NO_PROGRESS);
        deadlines.schedule(limits.noProgress(), NO_PROGRESS, new MigrationDeadline(migrationId, NO_PROGRESS));
    }

    @CommandHandler
    public void handle(CompleteMigration command, Clock clock, DeadlineManager deadlines) {
        if (state != MigrationState.COPYING) {
            return;
        }
        apply(new MigrationCompleted(migrationId, vmId, sourceHostId, destinationHostId, command.passes(),
                command.downtimeMs(), clock.instant()));
        cancelDeadlines(deadlines);
    }

    @CommandHandler
    public void handle(FailMigration command, Clock clock, DeadlineManager deadlines) {
        if (state != MigrationState.COPYING) {
            return;
        }
        apply(new MigrationEnded(migrationId, vmId, stopsAs != null ? stopsAs : MigrationState.FAILED.label(),
                command.reason(), clock.instant()));
        cancelDeadlines(deadlines);
    }

    @CommandHandler
    public void handle(CancelMigration command, Clock clock) {
        stop(MigrationState.CANCELLED, "cancelled by " + command.requestedBy(), clock);
    }

    @DeadlineHandler(deadlineName = COMPLETION)
    void onCompletionDeadline(MigrationDeadline deadline, Clock clock, MigrationDeadlines limits) {
        stop(MigrationState.FAILED, "not completed within " + limits.completionFor(memoryMb).toSeconds() + " s ("
                + limits.perGiB().toSeconds() + " s per GiB of " + memoryMb + " MB)", clock);
    }

    @DeadlineHandler(deadlineName = NO_PROGRESS)
    void onNoProgress(MigrationDeadline deadline, Clock clock, MigrationDeadlines limits) {
        stop(MigrationState.FAILED, "no pass finished within " + limits.noProgress().toSeconds() + " s", clock);
    }

    /** Asks the source host to stop; the migration ends when it confirms (the VM is then known to stay). */
    private void stop(MigrationState endsAs, String reason, Clock clock) {
        if (state.terminal() || stopsAs != null) {
            return;
        }
        if (state == MigrationState.QUEUED) { // nothing asked of anyone yet: it ends here
            apply(new MigrationEnded(migrationId, vmId, endsAs.label(), reason + " while queued", clock.instant()));
            return;
        }
        apply(new MigrationStopRequested(migrationId, endsAs.label(), reason, clock.instant()));
        if (state == MigrationState.COPYING) {
            apply(new CancelMigrationOnHost(migrationId + "/cancel", sourceHostId, vmId, reason));
        }
    }

    private void cancelDeadlines(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(COMPLETION);
        deadlines.cancelAllWithinScope(NO_PROGRESS);
    }

    @EventSourcingHandler
    void on(MigrationRequested event) {
        migrationId = event.migrationId();
        vmId = event.vmId();
        policy = MigrationPolicy.of(event.policy()).orElseThrow();
        mode = event.mode();
        targetHostId = event.targetHostId();
        cause = event.cause();
        requestedAt = event.requestedAt();
        state = MigrationState.QUEUED;
    }

    @EventSourcingHandler
    void on(MigrationStarted event) {
        state = MigrationState.PREPARING;
    }

    @EventSourcingHandler
    void on(MigrationSized event) {
        memoryMb = event.memoryMb();
    }

    @EventSourcingHandler
    void on(MigrateVmOnHost event) {
        sourceHostId = event.hostId();
        destinationHostId = event.destinationHostId();
        state = MigrationState.COPYING;
    }

    @EventSourcingHandler
    void on(MigrationStopRequested event) {
        stopsAs = event.endsAs();
    }

    @EventSourcingHandler
    void on(MigrationCompleted event) {
        state = MigrationState.COMPLETED;
    }

    @EventSourcingHandler
    void on(MigrationEnded event) {
        state = event.state().equals(MigrationState.CANCELLED.label()) ? MigrationState.CANCELLED
                : MigrationState.FAILED;
    }
}
