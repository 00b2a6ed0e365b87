package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.BackupSettings;
import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.backup.BackupCompleted;
import dev.hyperplane.events.backup.BackupFailed;
import dev.hyperplane.events.backup.BackupRepositoryFull;
import dev.hyperplane.events.backup.BackupRequested;
import dev.hyperplane.events.backup.BackupStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** One backup: queued, started, completed or failed, every path to one end, its deadlines durable. */
class BackupJobTest {
    private static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");
    private static final Instant START_BY = NOW.plus(Duration.ofHours(4));
    private static final BackupSettings SETTINGS = new BackupSettings(Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofMinutes(30));
    private static final List<DiskContent> DISKS = List.of(new DiskContent(0, 130048, 4096, 70),
            new DiskContent(1, 102400, 1024, 70));

    private AggregateTestFixture<BackupJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BackupJob.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(SETTINGS);
    }

    private static BackupRequested requested(String consistency) {
        return new BackupRequested("b1", "vm-1", "acme", "acme/nightly", "schedule", consistency, NOW, START_BY,
                "schedule", NOW);
    }

    private static final BackupStarted STARTED = new BackupStarted("b1", "vm-1", "h1", NOW);
    private static final BackupVmOnHost ON_HOST = new BackupVmOnHost("b1", "h1", "vm-1");

    private static RecordBackupResult result(String consistency, String reason) {
        return new RecordBackupResult("b1", "h1", consistency, reason, true, null, 5120, 1000, 21_000, DISKS, 100_000,
                1_000_000);
    }

    @Test
    void a_requested_backup_is_queued_until_its_start_by() {
        fixture.givenNoPriorActivity()
                .when(new RequestBackup("b1", "vm-1", "acme", "acme/nightly", "schedule", "application", NOW,
                        START_BY, "schedule"))
                .expectEvents(requested("application"))
                .expectScheduledDeadlineWithName(START_BY, BackupJob.START_BY);
    }

    @Test
    void started_once_on_its_host_with_a_run_timeout() {
        fixture.given(requested("application"))
                .when(new StartBackup("b1", "h1"))
                .expectEvents(STARTED, ON_HOST)
                .expectScheduledDeadlineWithName(Duration.ofHours(1), BackupJob.RUN_TIMEOUT);
        fixture.given(requested("application"), STARTED, ON_HOST)
                .when(new StartBackup("b1", "h2"))
                .expectNoEvents();
    }

    @Test
    void a_result_makes_a_restore_point_once() {
        fixture.given(requested("application"), STARTED, ON_HOST)
                .when(result("file-system", "hv_vss_daemon froze and thawed the file systems"))
                .expectEvents(new BackupCompleted("b1", "vm-1", "acme", "h1", "file-system",
                        "hv_vss_daemon froze and thawed the file systems", true, null, 5120, 5120, 1000, 21_000, NOW,
                        DISKS));
        fixture.given(requested("application"), STARTED, ON_HOST, new BackupFailed("b1", "vm-1", "x", NOW))
                .when(result("application", "VSS writers in the guest"))
                .expectNoEvents();
    }

    @Test
    void a_backup_that_does_not_fit_in_the_repository_fails_with_the_reason_and_an_alert() {
        fixture.given(requested("application"), STARTED, ON_HOST)
                .when(new RecordBackupResult("b1", "h1", "application", "VSS writers in the guest", true, null, 5120,
                        2000, 21_000, DISKS, 4096, 1_000_000))
                .expectEvents(new BackupRepositoryFull("b1", "vm-1", "acme", 5120, 4096, 1_000_000, NOW),
                        new BackupFailed("b1", "vm-1", "the repository has 4096 MB free of 1000000 MB; the backup "
                                + "needs 5120 MB", NOW));
    }

    @Test
    void a_crash_consistent_result_fails_a_backup_that_wants_application_consistency_with_the_reason() {
        String why = "the guest's hv_vss_daemon did not answer the freeze request";
        fixture.given(requested("application"), STARTED, ON_HOST)
                .when(result("crash", why))
                .expectEvents(new BackupFailed("b1", "vm-1", "the policy wants application consistency; the guest gave "
                        + "crash: " + why, NOW));
        fixture.given(requested("crash"), STARTED, ON_HOST)
                .when(result("crash", why))
                .expectEvents(new BackupCompleted("b1", "vm-1", "acme", "h1", "crash", why, true, null, 5120, 5120,
                        1000, 21_000, NOW, DISKS));
    }

    @Test
    void every_path_ends_a_queued_one_past_its_window_a_started_one_unanswered_a_refused_one() {
        fixture.givenCommands(new RequestBackup("b1", "vm-1", "acme", "acme/nightly", "schedule", "application",
                        NOW, START_BY, "schedule"))
                .whenTimeElapses(Duration.ofHours(5))
                .expectEvents(new BackupFailed("b1", "vm-1", "did not get its turn before its window closed: the "
                        + "hosts' and the fleet's backup limits were taken", NOW));
        fixture.givenCommands(new RequestBackup("b1", "vm-1", "acme", "acme/nightly", "schedule", "application",
                        NOW, START_BY, "schedule"), new StartBackup("b1", "h1"))
                .whenTimeElapses(Duration.ofHours(5))
                .expectEvents(new BackupFailed("b1", "vm-1", "no answer from host h1 within 3600 s", NOW));
        fixture.given(requested("application"), STARTED, ON_HOST)
                .when(new FailBackup("b1", "refused by host h1: a backup of VM vm-1 is already running"))
                .expectEvents(new BackupFailed("b1", "vm-1", "refused by host h1: a backup of VM vm-1 is already "
                        + "running", NOW))
                .expectNoScheduledDeadlines();
    }
}
