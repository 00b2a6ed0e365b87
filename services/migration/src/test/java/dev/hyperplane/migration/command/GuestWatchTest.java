package dev.hyperplane.migration.command;

import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaGuestResetWithheld;
import dev.hyperplane.migration.domain.GuestMonitoring;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** One decision per loss of a guest's heartbeat: a reset, or with the hour's limit reached, none. */
class GuestWatchTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String WHY = "guest heartbeat lost for 61 s while the VM runs on h1";

    private AggregateTestFixture<GuestWatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GuestWatch.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new GuestMonitoring(Duration.ofSeconds(60), 3, Duration.ofHours(1)));
    }

    private static Instant lost(int minutesAgo) {
        return NOW.minus(Duration.ofMinutes(minutesAgo)).minusSeconds(61);
    }

    private static HaGuestResetRequested reset(int minutesAgo, int before) {
        Instant lostSince = lost(minutesAgo);
        return new HaGuestResetRequested(GuestWatch.resetIdOf("vm-1", lostSince), "vm-1", "h1", WHY, lostSince,
                before, NOW.minus(Duration.ofMinutes(minutesAgo)));
    }

    @Test
    void a_hung_guest_is_reset_once_per_loss_of_its_heartbeat() {
        HaGuestResetRequested first = new HaGuestResetRequested(GuestWatch.resetIdOf("vm-1", lost(0)), "vm-1", "h1",
                WHY, lost(0), 0, NOW);
        fixture.givenNoPriorActivity()
                .when(new ResetHungGuest("vm-1", "h1", lost(0), WHY))
                .expectEvents(first);
        fixture.given(first)
                .when(new ResetHungGuest("vm-1", "h1", lost(0), WHY))
                .expectNoEvents();
    }

    @Test
    void a_fourth_hang_within_the_hour_is_not_reset_and_the_fifth_after_the_hour_is() {
        fixture.given(reset(50, 0), reset(30, 1), reset(10, 2))
                .when(new ResetHungGuest("vm-1", "h1", lost(0), WHY))
                .expectEvents(new HaGuestResetWithheld("vm-1", "h1", WHY + ", but the VM was reset 3 times within "
                        + "60 min: an operator must look at it", lost(0), NOW));
        fixture.given(reset(50, 0), reset(30, 1), reset(10, 2),
                        new HaGuestResetWithheld("vm-1", "h1", WHY, lost(0), NOW))
                .when(new ResetHungGuest("vm-1", "h1", lost(0), WHY))
                .expectNoEvents();
        fixture.given(reset(70, 0), reset(30, 1), reset(10, 2))
                .when(new ResetHungGuest("vm-1", "h1", lost(0), WHY))
                .expectEvents(new HaGuestResetRequested(GuestWatch.resetIdOf("vm-1", lost(0)), "vm-1", "h1", WHY,
                        lost(0), 2, NOW));
    }
}
