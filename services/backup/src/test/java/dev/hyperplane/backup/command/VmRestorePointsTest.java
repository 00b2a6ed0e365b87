package dev.hyperplane.backup.command;

import dev.hyperplane.backup.domain.Retention;
import dev.hyperplane.events.backup.RestorePointMerged;
import dev.hyperplane.events.backup.RestorePointProtected;
import dev.hyperplane.events.backup.RestorePointPruned;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A VM's chain: retention applied as points arrive, merges before prunes, protection, deletion by hand. */
class VmRestorePointsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");
    private static final Retention LAST_TWO = new Retention(2, 0, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final RestorePointRecorded A = new RestorePointRecorded("vm-1", "acme", "a",
            NOW.minusSeconds(7200), null, 4000, 5000);
    private static final RestorePointRecorded B = new RestorePointRecorded("vm-1", "acme", "b",
            NOW.minusSeconds(3600), "a", 100, 5000);

    private AggregateTestFixture<VmRestorePoints> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VmRestorePoints.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordRestorePoint third(Retention retention) {
        return new RecordRestorePoint("vm-1", "acme", "c", NOW, "b", 120, 5000, retention, "acme/nightly");
    }

    @Test
    void retention_prunes_the_oldest_point_after_merging_it_into_the_one_that_depends_on_it() {
        fixture.given(A, B)
                .when(third(LAST_TWO))
                .expectEvents(new RestorePointRecorded("vm-1", "acme", "c", NOW, "b", 120, 5000),
                        new RestorePointMerged("b", "vm-1", "acme", "a", null, 4100, NOW),
                        new RestorePointPruned("a", "vm-1", "acme", "retention of policy acme/nightly", "b", NOW));
        fixture.given(A, B, new RestorePointRecorded("vm-1", "acme", "c", NOW, "b", 120, 5000))
                .when(third(LAST_TWO))
                .expectNoEvents();
    }

    @Test
    void without_a_policy_nothing_is_pruned_and_a_base_the_chain_lacks_makes_a_point_stand_alone() {
        fixture.given(A, B)
                .when(third(null))
                .expectEvents(new RestorePointRecorded("vm-1", "acme", "c", NOW, "b", 120, 5000));
        fixture.given(A)
                .when(new RecordRestorePoint("vm-1", "acme", "c", NOW, "gone", 120, 5000, null, null))
                .expectEvents(new RestorePointRecorded("vm-1", "acme", "c", NOW, null, 120, 5000));
    }

    @Test
    void a_protected_point_is_never_pruned_nor_deleted_until_unprotected() {
        RestorePointProtected protectedA = new RestorePointProtected("a", "vm-1", "acme", true, "ops", NOW);
        fixture.given(A, B)
                .when(new ProtectRestorePoint("vm-1", "a", true, "ops"))
                .expectEvents(protectedA);
        fixture.given(A, B, protectedA)
                .when(third(new Retention(1, 0, 0, 0, 0, 0, ZoneOffset.UTC)))
                .expectEvents(new RestorePointRecorded("vm-1", "acme", "c", NOW, "b", 120, 5000),
                        new RestorePointMerged("c", "vm-1", "acme", "b", "a", 220, NOW),
                        new RestorePointPruned("b", "vm-1", "acme", "retention of policy acme/nightly", "c", NOW));
        fixture.given(A, B, protectedA)
                .when(new DeleteRestorePoint("vm-1", "a", "ops"))
                .expectException(RestorePointRefused.class);
    }

    @Test
    void a_point_deleted_by_hand_is_merged_into_the_next_an_unknown_one_and_the_newest_are_refused() {
        fixture.given(A, B)
                .when(new DeleteRestorePoint("vm-1", "a", "ops"))
                .expectEvents(new RestorePointMerged("b", "vm-1", "acme", "a", null, 4100, NOW),
                        new RestorePointPruned("a", "vm-1", "acme", "deleted by ops", "b", NOW));
        fixture.given(A)
                .when(new DeleteRestorePoint("vm-1", "nope", "ops"))
                .expectException(RestorePointRefused.class);
        fixture.given(A, B)
                .when(new DeleteRestorePoint("vm-1", "b", "ops"))
                .expectException(RestorePointRefused.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("next backup builds on it"));
    }
}
