package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class VirtualMachineTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final GuestOs RHEL = new GuestOs("linux", "RHEL/CentOS", "7.9");
    private static final VmRequested REQUESTED = new VmRequested("vm-1", "acme", "db-1", 4, 8192, RHEL, 1, false, MemoryPlan.fixed(8192), "op-1", NOW);
    private static final VmPlaced PLACED = new VmPlaced("vm-1", "h1", NOW);
    private static final CreateVmOnHost AGENT_COMMAND =
            new CreateVmOnHost("vm-1/create@h1", "h1", "vm-1", "db-1", 4, 8192, RHEL, 1, false,
                    MemoryPlan.fixed(8192));

    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        VirtualMachine.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
    }

    @Test
    void a_request_is_recorded() {
        fixture.givenNoPriorActivity()
                .when(new CreateVm("vm-1", "acme", "db-1", 4, 8192, RHEL, 1, false, MemoryPlan.fixed(8192), "op-1"))
                .expectEvents(REQUESTED);
    }

    @Test
    void placing_records_the_host_and_the_command_for_its_agent() {
        fixture.given(REQUESTED)
                .when(new PlaceVm("vm-1", "h1"))
                .expectEvents(PLACED, AGENT_COMMAND);
    }

    @Test
    void placing_again_changes_nothing() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND)
                .when(new PlaceVm("vm-1", "h2"))
                .expectNoEvents();
    }

    @Test
    void the_hosts_confirmation_makes_it_running_once() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND)
                .when(new ConfirmVmStarted("vm-1", "h1"))
                .expectEvents(new VmStarted("vm-1", "h1", NOW));
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, new VmStarted("vm-1", "h1", NOW))
                .when(new ConfirmVmStarted("vm-1", "h1"))
                .expectNoEvents();
    }

    @Test
    void failing_a_provisioning_vm_is_terminal() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND)
                .when(new FailVm("vm-1", "timed out"))
                .expectEvents(new VmFailed("vm-1", "timed out", NOW));
    }

    @Test
    void a_running_vm_cannot_fail_provisioning_nor_a_failed_one_start() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, new VmStarted("vm-1", "h1", NOW))
                .when(new FailVm("vm-1", "late timeout"))
                .expectNoEvents();
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, new VmFailed("vm-1", "timed out", NOW))
                .when(new ConfirmVmStarted("vm-1", "h1"))
                .expectNoEvents();
    }
}
