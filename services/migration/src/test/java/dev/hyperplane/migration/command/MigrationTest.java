package dev.hyperplane.migration.command;

import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationProgressed;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.migration.domain.MigrationDeadlines;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The migration's life: asked for, a destination reserved or refused, passes, and exactly one end. */
class MigrationTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final MigrationDeadlines LIMITS = new MigrationDeadlines(Duration.ofSeconds(150),
            Duration.ofMinutes(5), Duration.ofSeconds(150));
    private static final MigrationRequested REQUESTED = new MigrationRequested("mig-1", "vm-1", null,
            "minimal-downtime", "live", "manual", "admin", NOW, "h1", null);
    private static final MigrationStarted STARTED = new MigrationStarted("mig-1", "vm-1", "h1", null, "live", "manual",
            0, NOW);
    private static final MigrationSized SIZED = new MigrationSized("mig-1", 4096);
    private static final MigrateVmOnHost MIGRATE = new MigrateVmOnHost("mig-1", "h1", "vm-1", "h2",
            List.of(100L, 150L, 200L, 300L, 400L, 500L), 2, 0L, "live");
    private static final MigrationProgressed COPYING = new MigrationProgressed("mig-1", "vm-1", "copying", 0, 0, 0, 0,
            100, NOW);

    private AggregateTestFixture<Migration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Migration.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(LIMITS);
    }

    @Test
    void a_migration_is_queued_first() {
        fixture.givenNoPriorActivity()
                .when(new RequestMigration("mig-1", "vm-1", "h1", null, "minimal-downtime", "live", "manual", 4096, "admin",
                        null))
                .expectEvents(REQUESTED, SIZED);
    }

    @Test
    void its_turn_asks_provisioning_for_a_destination_once() {
        fixture.given(REQUESTED, SIZED)
                .when(new AdmitMigration("mig-1", "h1"))
                .expectEvents(STARTED);
        fixture.given(REQUESTED, SIZED, STARTED)
                .when(new AdmitMigration("mig-1", "h1"))
                .expectNoEvents();
    }

    @Test
    void cancelled_while_queued_it_ends_at_once_and_never_starts() {
        MigrationEnded cancelled = new MigrationEnded("mig-1", "vm-1", "cancelled", "cancelled by admin while queued",
                NOW);
        fixture.given(REQUESTED, SIZED)
                .when(new CancelMigration("mig-1", "admin"))
                .expectEvents(cancelled);
        fixture.given(REQUESTED, SIZED, cancelled)
                .when(new AdmitMigration("mig-1", "h1"))
                .expectNoEvents();
    }

    @Test
    void a_reserved_destination_starts_the_passes_under_the_policys_schedule_with_both_deadlines() {
        fixture.given(REQUESTED, SIZED, STARTED)
                .when(new StartCopying("mig-1", "h1", "h2"))
                .expectEvents(MIGRATE, COPYING)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(600), Migration.COMPLETION)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(150), Migration.NO_PROGRESS);
    }

    @Test
    void each_pass_is_progress_and_the_hand_off_completes_it_once() {
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING)
                .when(new RecordPass("mig-1", 1, 4096, 900, 9_000L, 100L))
                .expectEvents(new MigrationProgressed("mig-1", "vm-1", "copying", 1, 4096, 900, 9_000, 100, NOW));
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING)
                .when(new CompleteMigration("mig-1", 3, 120))
                .expectEvents(new MigrationCompleted("mig-1", "vm-1", "h1", "h2", 3, 120, NOW));
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING, new MigrationCompleted("mig-1", "vm-1", "h1", "h2", 3, 120,
                        NOW))
                .when(new CompleteMigration("mig-1", 3, 120))
                .expectNoEvents();
    }

    @Test
    void a_refusal_or_a_failure_on_the_host_ends_it_failed_with_the_reason() {
        fixture.given(REQUESTED, SIZED, STARTED)
                .when(new RefuseMigration("mig-1", "refused by provisioning: no host can take the VM"))
                .expectEvents(new MigrationEnded("mig-1", "vm-1", "failed", "refused by provisioning: no host can take the VM",
                        NOW));
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING)
                .when(new FailMigration("mig-1", "did not converge"))
                .expectEvents(new MigrationEnded("mig-1", "vm-1", "failed", "did not converge", NOW));
    }

    @Test
    void a_cancel_while_copying_asks_the_host_and_ends_cancelled_when_it_confirms() {
        MigrationStopRequested stop = new MigrationStopRequested("mig-1", "cancelled", "cancelled by admin", NOW);
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING)
                .when(new CancelMigration("mig-1", "admin"))
                .expectEvents(stop, new CancelMigrationOnHost("mig-1/cancel", "h1", "vm-1", "cancelled by admin"));
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING, stop)
                .when(new FailMigration("mig-1", "live migration to h2 failed: cancelled by admin"))
                .expectEvents(new MigrationEnded("mig-1", "vm-1", "cancelled",
                        "live migration to h2 failed: cancelled by admin", NOW));
    }

    @Test
    void a_cancel_before_the_destination_is_reserved_ends_it_as_soon_as_it_is() {
        MigrationStopRequested stop = new MigrationStopRequested("mig-1", "cancelled", "cancelled by admin", NOW);
        fixture.given(REQUESTED, SIZED, STARTED)
                .when(new CancelMigration("mig-1", "admin"))
                .expectEvents(stop);
        fixture.given(REQUESTED, SIZED, STARTED, stop)
                .when(new StartCopying("mig-1", "h1", "h2"))
                .expectEvents(new MigrationEnded("mig-1", "vm-1", "cancelled", "cancelled before it started", NOW));
    }

    @Test
    void no_progress_in_time_stops_it_on_the_host_and_it_ends_failed() {
        fixture.given(REQUESTED, SIZED, STARTED)
                .andGivenCommands(new StartCopying("mig-1", "h1", "h2"))
                .whenThenTimeElapses(Duration.ofSeconds(151))
                .expectTriggeredDeadlinesWithName(Migration.NO_PROGRESS)
                .expectEvents(new MigrationStopRequested("mig-1", "failed", "no pass finished within 150 s", NOW),
                        new CancelMigrationOnHost("mig-1/cancel", "h1", "vm-1", "no pass finished within 150 s"));
    }

    @Test
    void a_finished_pass_resets_the_no_progress_timeout() {
        fixture.given(REQUESTED, SIZED, STARTED)
                .andGivenCommands(new StartCopying("mig-1", "h1", "h2"))
                .when(new RecordPass("mig-1", 1, 4096, 900, 9_000L, 100L))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(150), Migration.NO_PROGRESS);
    }

    @Test
    void an_ended_migration_cannot_be_stopped_again() {
        fixture.given(REQUESTED, SIZED, STARTED, MIGRATE, COPYING, new MigrationEnded("mig-1", "vm-1", "failed", "x", NOW))
                .when(new CancelMigration("mig-1", "admin"))
                .expectNoEvents();
    }
}
