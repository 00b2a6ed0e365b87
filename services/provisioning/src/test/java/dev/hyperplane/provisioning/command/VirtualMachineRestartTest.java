package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.placement.Placement;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HA restarts of a fenced host's VM: placed like a migration's destination, created there from its shared disks,
 * recorded there once it runs; refused with the reason otherwise; a stale copy on the fenced host is removed.
 */
class VirtualMachineRestartTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final GuestOs RHEL = new GuestOs("linux", "RHEL/CentOS", "7.9");
    private static final MemoryPlan FIXED = MemoryPlan.fixed(8192);
    private static final Object[] RUNNING_ON_H1 = {
            new VmRequested("vm-1", "acme", "db-1", 4, 8192, RHEL, 1, false, FIXED, "op-1", "db", "admin@acme", NOW,
                    null, "high"),
            new VmPlaced("vm-1", "h1", NOW),
            new CreateVmOnHost("vm-1/create@h1", "h1", "vm-1", "db-1", 4, 8192, RHEL, 1, false, FIXED),
            new VmStarted("vm-1", "h1", NOW)};
    private static final VmReconciled UNKNOWN = new VmReconciled("vm-1", "state", "h1", "Unknown", "h1 fell silent",
            NOW);
    private static final VmMoveStarted RESTARTING = new VmMoveStarted("vm-1", "ha-r1", "h1", "h2", "ha", NOW);
    private static final CreateVmOnHost CREATE_ON_H2 = new CreateVmOnHost("vm-1/ha-r1", "h2", "vm-1", "db-1", 4, 8192,
            RHEL, 1, false, FIXED);

    private AggregateTestFixture<VirtualMachine> fixture;
    private final VirtualMachineMoveTest.ScriptedPlacer placer = new VirtualMachineMoveTest.ScriptedPlacer();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(placer);
    }

    @Test
    void a_vm_of_the_fenced_host_is_placed_elsewhere_and_created_there_from_its_disks() {
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN)
                .when(new RestartElsewhere("vm-1", "ha-r1", "h1"))
                .expectEvents(RESTARTING, CREATE_ON_H2);
        assertThat(placer.asked).containsExactly("vm-1 from h1 to null (db, 8192 MB)");
    }

    @Test
    void it_is_recorded_on_its_new_host_once_it_runs_there_and_the_same_request_again_changes_nothing() {
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN, RESTARTING, CREATE_ON_H2)
                .when(new RestartElsewhere("vm-1", "ha-r1", "h1"))
                .expectNoEvents();
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN, RESTARTING, CREATE_ON_H2)
                .when(new ConfirmVmStarted("vm-1", "h2"))
                .expectEvents(new VmMoved("vm-1", "ha-r1", "h1", "h2", "ha", NOW));
    }

    @Test
    void a_destination_that_refuses_the_vm_abandons_the_attempt_and_the_vm_stays_unknown() {
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN, RESTARTING, CREATE_ON_H2)
                .when(new RecordHostRefusal("vm-1", "vm-1/ha-r1", "not enough memory"))
                .expectEvents(new VmMoveAbandoned("vm-1", "ha-r1", "host h2 refused the VM: not enough memory", NOW, "Unknown"));
        // abandoned, it can be restarted again (it is Unknown, not Running on h1)
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN, RESTARTING, CREATE_ON_H2,
                        new VmMoveAbandoned("vm-1", "ha-r1", "refused", NOW, "Unknown"))
                .when(new RestartElsewhere("vm-1", "ha-r2", "h1"))
                .expectEvents(new VmMoveStarted("vm-1", "ha-r2", "h1", "h2", "ha", NOW),
                        new CreateVmOnHost("vm-1/ha-r2", "h2", "vm-1", "db-1", 4, 8192, RHEL, 1, false, FIXED));
    }

    @Test
    void no_host_can_take_it_is_a_refusal_with_placements_reason() {
        placer.next = new Placement.Decision(null, "no host has 8192 MB free");
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN)
                .when(new RestartElsewhere("vm-1", "ha-r1", "h1"))
                .expectEvents(new VmMoveRefused("vm-1", "ha-r1", "no host has 8192 MB free", NOW));
    }

    /** Which VMs are restarted: only one still recorded on the failed host, neither off nor busy. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stopped on the failed host | stopped | h1 | VM vm-1 is Stopped; only a Running, Unknown or Lost VM of a failed host is restarted",
            "moved away before          | none    | h9 | VM vm-1 is recorded on h1, not on the failed host h9",
            "moving                     | moving  | h1 | VM vm-1 is Moving (migration mig-1); only a Running, Unknown or Lost VM of a failed host is restarted"})
    void a_vm_that_is_not_to_be_restarted_is_refused_with_the_reason(String name, String before, String failedHost,
                                                                    String reason) {
        Object extra = switch (before) {
            case "stopped" -> new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", NOW);
            case "moving" -> new VmMoveStarted("vm-1", "mig-1", "h1", "h3", "manual", NOW);
            default -> UNKNOWN;
        };
        fixture.given(RUNNING_ON_H1).andGiven(extra)
                .when(new RestartElsewhere("vm-1", "ha-r1", failedHost))
                .expectEvents(new VmMoveRefused("vm-1", "ha-r1", reason, NOW));
        assertThat(placer.asked).isEmpty();
    }

    @Test
    void the_fenced_host_reporting_its_old_copy_gets_it_removed_never_adopted() {
        fixture.given(RUNNING_ON_H1).andGiven(UNKNOWN, RESTARTING, CREATE_ON_H2,
                        new VmMoved("vm-1", "ha-r1", "h1", "h2", "ha", NOW))
                .when(new ReconcileVm("vm-1", "host", "h1", "Stopped", "host h1 runs VM vm-1 (Off), not on h2"))
                .expectEvents(new VmReconciled("vm-1", "tear-down", "h1", "Running", "host h1 holds a stale copy of VM "
                                + "vm-1 from before it was fenced; the VM was restarted on h2: removed from the host", NOW),
                        new ChangeVmPowerOnHost("vm-1/tear-down@h1", "h1", "vm-1", "delete"));
    }
}
