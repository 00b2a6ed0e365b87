package dev.hyperplane.migration.command;

import dev.hyperplane.events.migration.EvacuationEnded;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** An evacuation's life: started with its VMs, VMs found later, cancelled or ended, and returned once. */
class EvacuationTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final List<EvacuationVm> PLAN = List.of(EvacuationVm.moving("vm-1", "mig-1"),
            EvacuationVm.unmovable("vm-2", "VM vm-2 is Stopped; only a Running VM migrates"));
    private static final EvacuationStarted STARTED = new EvacuationStarted("ev-1", "h1", List.of("vm-1"),
            List.of(new EvacuationStarted.UnmovableVm("vm-2", "VM vm-2 is Stopped; only a Running VM migrates")),
            "admin", NOW);
    private static final EvacuationVmsAdded ADDED = new EvacuationVmsAdded("ev-1", "out", PLAN);
    private static final EvacuationEnded COMPLETED = new EvacuationEnded("ev-1", "h1", "completed", 1, 1, false, NOW);

    private AggregateTestFixture<Evacuation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Evacuation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void it_starts_with_the_vms_it_moves_and_those_it_cannot() {
        fixture.givenNoPriorActivity()
                .when(new StartEvacuation("ev-1", "h1", PLAN, "admin"))
                .expectEvents(STARTED, ADDED);
    }

    @Test
    void vms_found_later_are_added_once_and_only_while_it_runs() {
        EvacuationVm late = EvacuationVm.moving("vm-3", "mig-3");
        fixture.given(STARTED, ADDED)
                .when(new AddEvacuationVms("ev-1", "out", List.of(EvacuationVm.moving("vm-1", "mig-9"), late)))
                .expectEvents(new EvacuationVmsAdded("ev-1", "out", List.of(late)));
        fixture.given(STARTED, ADDED, new EvacuationCancelRequested("ev-1", "admin", NOW))
                .when(new AddEvacuationVms("ev-1", "out", List.of(late)))
                .expectNoEvents();
    }

    @Test
    void it_ends_completed_or_cancelled_once() {
        fixture.given(STARTED, ADDED)
                .when(new EndEvacuation("ev-1", 1, 1, false))
                .expectEvents(COMPLETED);
        fixture.given(STARTED, ADDED, new EvacuationCancelRequested("ev-1", "admin", NOW))
                .when(new EndEvacuation("ev-1", 0, 2, false))
                .expectEvents(new EvacuationEnded("ev-1", "h1", "cancelled", 0, 2, false, NOW));
        fixture.given(STARTED, ADDED, COMPLETED)
                .when(new EndEvacuation("ev-1", 1, 1, false))
                .expectNoEvents();
        fixture.given(STARTED, ADDED, COMPLETED)
                .when(new CancelEvacuation("ev-1", "admin"))
                .expectNoEvents();
    }

    @Test
    void only_an_ended_evacuation_returns_and_only_once() {
        fixture.given(STARTED, ADDED)
                .when(new ReturnEvacuation("ev-1", "admin"))
                .expectNoEvents();
        EvacuationReturnStarted returning = new EvacuationReturnStarted("ev-1", "h1", "admin", NOW);
        fixture.given(STARTED, ADDED, COMPLETED)
                .when(new ReturnEvacuation("ev-1", "admin"))
                .expectEvents(returning);
        fixture.given(STARTED, ADDED, COMPLETED, returning)
                .when(new ReturnEvacuation("ev-1", "admin"))
                .expectNoEvents();
        EvacuationVm back = EvacuationVm.moving("vm-1", "mig-back");
        fixture.given(STARTED, ADDED, COMPLETED, returning)
                .when(new AddEvacuationVms("ev-1", "back", List.of(back)))
                .expectEvents(new EvacuationVmsAdded("ev-1", "back", List.of(back)));
        fixture.given(STARTED, ADDED, COMPLETED, returning)
                .when(new EndEvacuation("ev-1", 1, 0, false))
                .expectEvents(new EvacuationEnded("ev-1", "h1", "returned", 1, 0, false, NOW));
    }
}
