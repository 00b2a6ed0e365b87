package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.BackupSettings;
import dev.hyperplane.backup.domain.VmConfig;
import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.backup.RestoreCompleted;
import dev.hyperplane.events.backup.RestoreFailed;
import dev.hyperplane.events.backup.RestoreRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A restore: requested with a deadline, ended once by provisioning's answer or by the deadline. */
class RestoreTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");
    private static final VmConfig CONFIG = new VmConfig(2, 4096, UBUNTU, 2, false, MemoryPlan.fixed(4096));
    private static final List<DiskContent> DISKS = List.of(new DiskContent(0, 131072, 3000, 42));
    private static final RestoreRequested REQUESTED = new RestoreRequested("r-1", "rp-1", "vm-1", "vm-2", "acme",
            "new-vm", "web-restored", 2, 4096, UBUNTU, 2, false, MemoryPlan.fixed(4096), DISKS, "admin@acme", NOW);

    private AggregateTestFixture<Restore> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Restore.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new BackupSettings(Duration.ofHours(1), Duration.ofHours(4),
                Duration.ofMinutes(30)));
    }

    @Test
    void a_restore_is_requested_with_the_points_configuration_and_disks_and_a_deadline() {
        fixture.givenNoPriorActivity()
                .when(new RequestRestore("r-1", "rp-1", "vm-1", "vm-2", "acme", "new-vm", "web-restored", CONFIG,
                        DISKS, "admin@acme"))
                .expectEvents(REQUESTED)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(30), Restore.TIMEOUT);
    }

    @Test
    void provisioning_answering_ends_it_and_cancels_the_deadline() {
        fixture.given(REQUESTED)
                .when(new RecordRestoreResult("r-1", true, null))
                .expectEvents(new RestoreCompleted("r-1", "rp-1", "vm-2", "acme", "new-vm", NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_refusal_fails_it_with_provisionings_reason() {
        fixture.given(REQUESTED)
                .when(new RecordRestoreResult("r-1", false, "Quota exceeded: vcpus"))
                .expectEvents(new RestoreFailed("r-1", "rp-1", "vm-2", "acme", "new-vm", "Quota exceeded: vcpus", NOW));
    }

    @Test
    void an_answer_again_or_after_the_end_changes_nothing() {
        fixture.given(REQUESTED, new RestoreCompleted("r-1", "rp-1", "vm-2", "acme", "new-vm", NOW))
                .when(new RecordRestoreResult("r-1", false, "late"))
                .expectNoEvents();
    }

    @Test
    void nobody_answering_fails_it_at_the_deadline() {
        fixture.givenCommands(new RequestRestore("r-1", "rp-1", "vm-1", "vm-2", "acme", "new-vm", "web-restored",
                        CONFIG, DISKS, "admin@acme"))
                .whenTimeElapses(Duration.ofMinutes(31))
                .expectEvents(new RestoreFailed("r-1", "rp-1", "vm-2", "acme", "new-vm",
                        "provisioning did not finish the restore within 1800 s", NOW));
    }
}
