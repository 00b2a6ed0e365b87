package dev.hyperplane.platform.axon;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.hyperplane.platform.time.Backoff;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The db-scheduler task that runs Axon deadlines, with a retry that suits deadlines which end long operations.
 * Axon's own {@link DbSchedulerDeadlineManager#binaryTask} keeps db-scheduler's default of retrying a failed deadline
 * after 5 minutes: a deadline that failed because the database blinked would leave its VM or operation stuck that
 * long. Here it retries on {@link Backoff} (200 ms doubling to 30 s) without limit, and an execution whose process
 * died while running it is revived (the scheduler's heartbeat settings decide how soon).
 */
public final class DeadlineTask {
    /** Axon's task name (package-private there): deadlines scheduled by Axon's manager carry it. */
    static final String NAME = "AxonDeadline";

    private DeadlineTask() {
    }

    /** The task, under Axon's task name so deadlines scheduled before keep running. */
    public static Task<DbSchedulerBinaryDeadlineDetails> create(Supplier<DbSchedulerDeadlineManager> manager) {
        Task<DbSchedulerBinaryDeadlineDetails> axons = DbSchedulerDeadlineManager.binaryTask(manager);
        return Tasks.oneTime(NAME, DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new RetryOnBackoff())
                .onDeadExecutionRevive()
                .execute(axons::execute); // Axon runs the deadline; only what happens on failure differs
    }

    /** Reschedules a failed deadline after {@link Backoff#delay} of its consecutive failures. */
    static final class RetryOnBackoff implements FailureHandler<DbSchedulerBinaryDeadlineDetails> {
        @Override
        public void onFailure(ExecutionComplete complete,
                              ExecutionOperations<DbSchedulerBinaryDeadlineDetails> operations) {
            operations.reschedule(complete, retryAt(complete));
        }

        /** The execution's earlier failures are counted; this one is not yet. */
        static Instant retryAt(ExecutionComplete failed) {
            return failed.getTimeDone().plus(Backoff.delay(failed.getExecution().consecutiveFailures + 1));
        }
    }
}
