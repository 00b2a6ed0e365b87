package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.RestoreVmOnHost;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmStarted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Restores from backups: a VM created from a restore point's disks, and a VM restored in place. */
class VirtualMachineRestoreTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final GuestOs RHEL = new GuestOs("linux", "RHEL/CentOS", "7.9");
    private static final MemoryPlan FIXED = MemoryPlan.fixed(4096);
    private static final List<DiskContent> DISKS = List.of(new DiskContent(0, 131072, 3000, 4200));
    private static final VmRequested REQUESTED = new VmRequested("vm-1", "acme", "db-1", 2, 4096, RHEL, 1, false,
            FIXED, "op-1", null, "admin@acme", NOW, "live", "medium");
    private static final Object[] RUNNING_ON_H1 = {
            REQUESTED,
            new VmPlaced("vm-1", "h1", NOW),
            new CreateVmOnHost("vm-1/create@h1", "h1", "vm-1", "db-1", 2, 4096, RHEL, 1, false, FIXED),
            new VmStarted("vm-1", "h1", NOW)};
    private static final VmRestoreStarted STARTED = new VmRestoreStarted("vm-1", "acme", "r-1", "rp-1", "h1",
            "admin@acme", NOW);

    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_vm_created_from_a_restore_point_is_created_on_its_host_with_the_points_disks() {
        VmRequested restored = new VmRequested("vm-2", "acme", "db-1-restored", 2, 4096, RHEL, 1, false, FIXED, "r-1",
                null, "admin@acme", NOW, "live", "medium", "r-1", DISKS);
        fixture.given(restored)
                .when(new PlaceVm("vm-2", "h2", null))
                .expectEvents(new VmPlaced("vm-2", "h2", NOW),
                        new CreateVmOnHost("vm-2/create@h2", "h2", "vm-2", "db-1-restored", 2, 4096, RHEL, 1, false,
                                FIXED, DISKS));
    }

    @Test
    void a_running_vm_is_restored_in_place_by_its_host() {
        fixture.given(RUNNING_ON_H1)
                .when(new RestoreVm("vm-1", "r-1", "rp-1", DISKS, "admin@acme"))
                .expectEvents(STARTED, new RestoreVmOnHost("r-1", "h1", "vm-1", DISKS));
    }

    @Test
    void the_host_answering_ends_the_restore_with_the_vm_running() {
        fixture.given(RUNNING_ON_H1).andGiven(STARTED)
                .when(new CompleteVmOperation("vm-1", "r-1"))
                .expectEvents(new VmRestored("vm-1", "r-1", "h1", NOW));
    }

    @Test
    void the_host_refusing_fails_the_restore_with_its_reason_and_the_vm_accepts_operations_again() {
        fixture.given(RUNNING_ON_H1).andGiven(STARTED)
                .when(new RecordHostRefusal("vm-1", "r-1", "VM vm-1 is SAVING and cannot go to OFF"))
                .expectEvents(new VmRestoreFailed("vm-1", "acme", "r-1", "VM vm-1 is SAVING and cannot go to OFF",
                        "Running", NOW));
        fixture.given(RUNNING_ON_H1).andGiven(STARTED,
                        new VmRestoreFailed("vm-1", "acme", "r-1", "refused", "Running", NOW))
                .when(new RequestVmOperation("vm-1", "op-2", VmAction.RESTART, false, null, "admin@acme"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_same_restore_again_changes_nothing_also_after_it_ended() {
        fixture.given(RUNNING_ON_H1).andGiven(STARTED)
                .when(new RestoreVm("vm-1", "r-1", "rp-1", DISKS, "admin@acme"))
                .expectNoEvents();
        fixture.given(RUNNING_ON_H1).andGiven(STARTED, new VmRestored("vm-1", "r-1", "h1", NOW))
                .when(new RestoreVm("vm-1", "r-1", "rp-1", DISKS, "admin@acme"))
                .expectNoEvents();
        fixture.given(RUNNING_ON_H1).andGiven(new VmRestoreFailed("vm-1", "acme", "r-1", "busy", "Running", NOW))
                .when(new RestoreVm("vm-1", "r-1", "rp-1", DISKS, "admin@acme"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "deleted|VM vm-1 is deleted; restore the point as a new VM",
            "moving|VM vm-1 is Moving to h2 (migration mig-1); restore it when it has moved",
            "busy|operation op-2 (stop) of VM vm-1 is still running",
            "provisioning|VM vm-1 is Placed; only a Running or Stopped VM is restored in place"})
    void a_vm_that_cannot_be_restored_now_answers_with_the_reason(String situation, String reason) {
        Object[] given = switch (situation) {
            case "deleted" -> new Object[]{new VmOperationRequested("vm-1", "acme", "op-2", "delete", false, "a", NOW),
                    new VmOperationCompleted("vm-1", "op-2", "delete", "Deleted", NOW)};
            case "moving" -> new Object[]{new VmMoveStarted("vm-1", "mig-1", "h1", "h2", "manual", NOW)};
            case "busy" -> new Object[]{new VmOperationRequested("vm-1", "acme", "op-2", "stop", false, "a", NOW)};
            default -> new Object[0];
        };
        var state = situation.equals("provisioning")
                ? fixture.given(REQUESTED, new VmPlaced("vm-1", "h1", NOW))
                : fixture.given(RUNNING_ON_H1).andGiven(given);
        String status = switch (situation) {
            case "deleted" -> "Deleted";
            case "moving" -> "Moving";
            case "provisioning" -> "Placed";
            default -> "Running";
        };
        state.when(new RestoreVm("vm-1", "r-1", "rp-1", DISKS, "admin@acme"))
                .expectEvents(new VmRestoreFailed("vm-1", "acme", "r-1", reason, status, NOW));
    }
}
