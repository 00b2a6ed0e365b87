package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import dev.hyperplane.provisioning.saga.VmPlacer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A VM's moves: a destination reserved or refused, Moving in between, and where it is recorded afterwards. */
class VirtualMachineMoveTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final GuestOs RHEL = new GuestOs("linux", "RHEL/CentOS", "7.9");
    private static final Object[] RUNNING_ON_H1 = {
            new VmRequested("vm-1", "acme", "db-1", 4, 8192, RHEL, 1, false, MemoryPlan.fixed(8192), "op-1", "db",
                    "admin@acme", NOW, null, "medium"),
            new VmPlaced("vm-1", "h1", NOW),
            new CreateVmOnHost("vm-1/create@h1", "h1", "vm-1", "db-1", 4, 8192, RHEL, 1, false, MemoryPlan.fixed(8192)),
            new VmStarted("vm-1", "h1", NOW)};
    private static final VmMoveStarted MOVING = new VmMoveStarted("vm-1", "mig-1", "h1", "h2", "manual", NOW);

    /** Placement as the VM sees it: a decision per call, and what it was asked. */
    static final class ScriptedPlacer extends VmPlacer {
        final List<String> asked = new ArrayList<>();
        Placement.Decision next = new Placement.Decision("h2", null);

        @Override
        public Placement.Decision placeMove(PlacementRequest vm, String sourceHostId, String targetHostId,
                                            String migrationId) {
            asked.add(vm.vmId() + " from " + sourceHostId + " to " + targetHostId + " (" + vm.antiAffinityGroup()
                    + ", " + vm.memoryMb() + " MB)");
            return next;
        }
    }

    private AggregateTestFixture<VirtualMachine> fixture;
    private final ScriptedPlacer placer = new ScriptedPlacer();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(placer);
    }

    @Test
    void a_running_vm_gets_a_destination_reserved_and_is_moving() {
        fixture.given(RUNNING_ON_H1)
                .when(new ReserveMove("vm-1", "mig-1", null, "manual", null))
                .expectEvents(MOVING);
        assertThat(placer.asked).containsExactly("vm-1 from h1 to null (db, 8192 MB)");
    }

    @Test
    void the_same_request_again_changes_nothing() {
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new ReserveMove("vm-1", "mig-1", null, "manual", null))
                .expectNoEvents();
    }

    @Test
    void placement_refusing_is_a_refusal_with_its_reason() {
        placer.next = new Placement.Decision(null, "no host can take the VM: h2: 512 MB free");
        fixture.given(RUNNING_ON_H1)
                .when(new ReserveMove("vm-1", "mig-1", "h2", "manual", null))
                .expectEvents(new VmMoveRefused("vm-1", "mig-1", "no host can take the VM: h2: 512 MB free", NOW));
    }

    @Test
    void a_vm_that_is_not_running_or_busy_is_refused_without_asking_placement() {
        fixture.given(RUNNING_ON_H1).andGiven(new VmOperationRequested("vm-1", "acme", "op-2", "stop", false,
                        "admin@acme", NOW))
                .when(new ReserveMove("vm-1", "mig-2", null, "manual", null))
                .expectEvents(new VmMoveRefused("vm-1", "mig-2", "VM vm-1 is Running with operation op-2 under way; "
                        + "only a Running VM with nothing under way moves", NOW));
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new ReserveMove("vm-1", "mig-2", null, "manual", null))
                .expectEvents(new VmMoveRefused("vm-1", "mig-2", "VM vm-1 is Moving (migration mig-1); only a "
                        + "Running VM with nothing under way moves", NOW));
        fixture.given(RUNNING_ON_H1)
                .when(new ReserveMove("vm-1", "mig-3", "h1", "manual", null))
                .expectEvents(new VmMoveRefused("vm-1", "mig-3", "VM vm-1 already runs on h1", NOW));
        assertThat(placer.asked).isEmpty();
    }

    @Test
    void a_vm_moves_only_as_its_migration_mode_allows() {
        VmMigrationModeChanged quickOnly = new VmMigrationModeChanged("vm-1", "quick", "admin@acme", NOW);
        fixture.given(RUNNING_ON_H1).andGiven(quickOnly)
                .when(new ReserveMove("vm-1", "mig-1", null, "manual", "live"))
                .expectEvents(new VmMoveRefused("vm-1", "mig-1",
                        "VM vm-1 has migration mode quick: it moves only by quick migration", NOW));
        fixture.given(RUNNING_ON_H1).andGiven(quickOnly)
                .when(new ReserveMove("vm-1", "mig-1", null, "manual", "quick"))
                .expectEvents(MOVING);
        fixture.given(RUNNING_ON_H1).andGiven(new VmMigrationModeChanged("vm-1", "none", "admin@acme", NOW))
                .when(new ReserveMove("vm-1", "mig-2", null, "manual", "quick"))
                .expectEvents(new VmMoveRefused("vm-1", "mig-2", "VM vm-1 has migration mode none: it is never moved",
                        NOW));
        assertThat(placer.asked).hasSize(1);
    }

    @Test
    void the_migration_mode_changes_once_and_not_on_a_deleted_vm() {
        fixture.given(RUNNING_ON_H1)
                .when(new SetMigrationMode("vm-1", "none", "admin@acme"))
                .expectEvents(new VmMigrationModeChanged("vm-1", "none", "admin@acme", NOW));
        fixture.given(RUNNING_ON_H1)
                .when(new SetMigrationMode("vm-1", "live", "admin@acme"))
                .expectNoEvents();
        fixture.given(RUNNING_ON_H1).andGiven(new VmMigrationModeChanged("vm-1", "none", "admin@acme", NOW))
                .when(new SetMigrationMode("vm-1", "none", "admin@acme"))
                .expectNoEvents();
    }

    @Test
    void lifecycle_operations_wait_until_it_has_moved() {
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new RequestVmOperation("vm-1", "op-9", VmAction.STOP, false, null, "admin@acme"))
                .expectException(VmRequestRefused.class)
                .expectExceptionMessage("VM vm-1 is Moving to h2 (migration mig-1); try again when it has moved");
    }

    @Test
    void after_the_move_every_command_goes_to_the_new_host() {
        VmMoved moved = new VmMoved("vm-1", "mig-1", "h1", "h2", "manual", NOW);
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new CompleteMove("vm-1", "mig-1", "h2"))
                .expectEvents(moved);
        fixture.given(RUNNING_ON_H1).andGiven(MOVING, moved)
                .when(new RequestVmOperation("vm-1", "op-9", VmAction.DELETE, false, null, "admin@acme"))
                .expectEvents(new VmOperationRequested("vm-1", "acme", "op-9", "delete", false, "admin@acme", NOW),
                        new ChangeVmPowerOnHost("op-9", "h2", "vm-1", "delete"));
    }

    @Test
    void an_abandoned_move_leaves_it_on_its_source() {
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new AbandonMove("vm-1", "mig-1", "did not converge"))
                .expectEvents(new VmMoveAbandoned("vm-1", "mig-1", "did not converge", NOW, "Running"));
        fixture.given(RUNNING_ON_H1).andGiven(MOVING, new VmMoveAbandoned("vm-1", "mig-1", "did not converge", NOW, "Running"))
                .when(new RequestVmOperation("vm-1", "op-9", VmAction.STOP, false, null, "admin@acme"))
                .expectEvents(new VmOperationRequested("vm-1", "acme", "op-9", "stop", false, "admin@acme", NOW),
                        new ChangeVmPowerOnHost("op-9", "h1", "vm-1", "shut-down"));
    }

    @Test
    void the_end_of_another_migration_or_a_redelivery_changes_nothing() {
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new CompleteMove("vm-1", "mig-other", "h3"))
                .expectNoEvents();
        fixture.given(RUNNING_ON_H1).andGiven(MOVING, new VmMoved("vm-1", "mig-1", "h1", "h2", "manual", NOW))
                .when(new AbandonMove("vm-1", "mig-1", "late"))
                .expectNoEvents();
    }

    @Test
    void the_reconciler_leaves_a_moving_vm_alone() {
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new ReconcileVm("vm-1", "host", "h2", "Running", "h2 reports it"))
                .expectNoEvents();
        fixture.given(RUNNING_ON_H1).andGiven(MOVING)
                .when(new ReconcileVm("vm-1", "lost", "h1", "Lost", "h1 reports no VM vm-1"))
                .expectNoEvents();
    }
}
