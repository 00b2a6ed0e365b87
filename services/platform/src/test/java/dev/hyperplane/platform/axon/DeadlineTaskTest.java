package dev.hyperplane.platform.axon;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTaskTest {
    private static final Instant DONE = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void runs_under_axons_task_name_so_deadlines_already_scheduled_keep_running() {
        assertThat(DeadlineTask.create(() -> null).getName())
                .isEqualTo(DbSchedulerDeadlineManager.binaryTask(() -> null).getName());
    }

    @ParameterizedTest(name = "after {0} earlier failures it runs again {1} ms later")
    @CsvSource({"0, 200", "1, 400", "4, 3200", "8, 30000", "500, 30000"})
    void a_failed_deadline_runs_again_in_seconds_not_db_schedulers_five_minutes(int earlierFailures, long millis) {
        Execution execution = new Execution(DONE.minusSeconds(5), new TaskInstance<>(DeadlineTask.NAME, "d-1"),
                true, "replica-1", null, null, earlierFailures, DONE, 3);
        ExecutionComplete failed = ExecutionComplete.failure(execution, DONE.minusMillis(10), DONE,
                new IllegalStateException("the database blinked"));

        assertThat(DeadlineTask.RetryOnBackoff.retryAt(failed)).isEqualTo(DONE.plusMillis(millis));
    }
}
