package dev.hyperplane.inventory.command;

import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class HostTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final RegisterHost REGISTER =
            new RegisterHost("h1", "hv-01", "agent-1", "2012 R2", 32, 262144, 4096);

    private AggregateTestFixture<Host> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Host.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registering_a_new_host_records_its_capacity() {
        fixture.givenNoPriorActivity()
                .when(REGISTER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new HostRegistered("h1", "hv-01", "agent-1", "2012 R2", 32, 262144, 4096, NOW));
    }

    @Test
    void a_repeated_announcement_changes_nothing() {
        fixture.given(new HostRegistered("h1", "hv-01", "agent-1", "2012 R2", 32, 262144, 4096, NOW))
                .when(REGISTER)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_host_health_is_recorded_only_when_it_changes() {
        var registered = new HostRegistered("h1", "hv-01", "agent-1", "2012 R2", 32, 262144, 4096, NOW);
        fixture.given(registered)
                .when(new ChangeHostHealth("h1", "Unreachable", "no report"))
                .expectEvents(new HostHealthChanged("h1", "Unreachable", "no report", NOW));
        fixture.given(registered, new HostHealthChanged("h1", "Unreachable", "no report", NOW))
                .when(new ChangeHostHealth("h1", "Unreachable", "still no report"))
                .expectNoEvents();
        fixture.given(registered, new HostHealthChanged("h1", "Unreachable", "no report", NOW))
                .when(new ChangeHostHealth("h1", "Unknown", "its agent is silent"))
                .expectEvents(new HostHealthChanged("h1", "Unknown", "its agent is silent", NOW));
        fixture.given(registered, new HostHealthChanged("h1", "Unknown", "its agent is silent", NOW))
                .when(new ChangeHostHealth("h1", "Ready", "its agent reports again"))
                .expectEvents(new HostHealthChanged("h1", "Ready", "its agent reports again", NOW));
        fixture.given(registered)
                .when(new ChangeHostHealth("h1", "Ready", "its agent reports again"))
                .expectNoEvents();
    }

    @Test
    void maintenance_is_recorded_only_when_it_changes() {
        var registered = new HostRegistered("h1", "hv-01", "agent-1", "2012 R2", 32, 262144, 4096, NOW);
        fixture.given(registered)
                .when(new SetHostMaintenance("h1", true, "patching"))
                .expectEvents(new HostMaintenanceChanged("h1", true, "patching", NOW));
        fixture.given(registered, new HostMaintenanceChanged("h1", true, "patching", NOW))
                .when(new SetHostMaintenance("h1", true, "patching again"))
                .expectNoEvents();
    }
}
