package dev.hyperplane.inventory.command;

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
        Host.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        fixture = new AggregateTestFixture<>(Host.class);
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
}
