package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
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
    private static final VmRequested REQUESTED = new VmRequested("vm-1", "acme", "db-1", 4, 8192, RHEL, 1, false, MemoryPlan.fixed(8192), "op-1", "db", "admin@acme", NOW, "live", "medium");
    private static final VmPlaced PLACED = new VmPlaced("vm-1", "h1", NOW);
    private static final CreateVmOnHost AGENT_COMMAND =
            new CreateVmOnHost("vm-1/create@h1", "h1", "vm-1", "db-1", 4, 8192, RHEL, 1, false,
                    MemoryPlan.fixed(8192));

    private AggregateTestFixture<VirtualMachine> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VirtualMachine.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_request_is_recorded() {
        fixture.givenNoPriorActivity()
                .when(new CreateVm("vm-1", "acme", "db-1", 4, 8192, RHEL, 1, false, MemoryPlan.fixed(8192), "op-1", "db",
                        "admin@acme", null, null))
                .expectEvents(REQUESTED);
    }

    @Test
    void the_ha_priority_changes_once_per_new_value() {
        fixture.given(REQUESTED)
                .when(new SetHaPriority("vm-1", "high", "admin@acme"))
                .expectEvents(new VmHaPriorityChanged("vm-1", "high", "admin@acme", NOW));
        fixture.given(REQUESTED, new VmHaPriorityChanged("vm-1", "high", "admin@acme", NOW))
                .when(new SetHaPriority("vm-1", "high", "admin@acme"))
                .expectNoEvents();
        fixture.given(REQUESTED)
                .when(new SetHaPriority("vm-1", "medium", "admin@acme"))
                .expectNoEvents(); // medium is the default
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
    void a_running_vm_cannot_fail_provisioning() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, new VmStarted("vm-1", "h1", NOW))
                .when(new FailVm("vm-1", "late timeout"))
                .expectNoEvents();
    }

    private static final VmFailed TIMED_OUT = new VmFailed("vm-1", "timed out", NOW);
    private static final ChangeVmPowerOnHost TEAR_DOWN_H1 = new ChangeVmPowerOnHost("vm-1/tear-down@h1", "h1", "vm-1",
            "delete");

    @Test
    void a_start_after_the_vm_failed_is_torn_down_on_the_host_never_adopted() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, TIMED_OUT)
                .when(new ConfirmVmStarted("vm-1", "h1"))
                .expectEvents(new VmReconciled("vm-1", "tear-down", "h1", "Failed",
                        "VM vm-1 started on host h1 after it had failed: removed from the host, never adopted", NOW),
                        TEAR_DOWN_H1);
    }

    @Test
    void a_tear_down_goes_to_each_host_once() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, TIMED_OUT,
                        new VmReconciled("vm-1", "tear-down", "h1", "Failed", "seen", NOW), TEAR_DOWN_H1)
                .when(new ReconcileVm("vm-1", "tear-down", "h1", "Failed", "seen again"))
                .expectNoEvents();
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, TIMED_OUT,
                        new VmReconciled("vm-1", "tear-down", "h1", "Failed", "seen", NOW), TEAR_DOWN_H1)
                .when(new ReconcileVm("vm-1", "tear-down", "h2", "Failed", "also on h2"))
                .expectEvents(new VmReconciled("vm-1", "tear-down", "h2", "Failed", "also on h2", NOW),
                        new ChangeVmPowerOnHost("vm-1/tear-down@h2", "h2", "vm-1", "delete"));
    }

    @Test
    void a_running_vm_its_host_reports_missing_is_lost_and_found_again() {
        VmStarted started = new VmStarted("vm-1", "h1", NOW);
        VmReconciled lost = new VmReconciled("vm-1", "lost", "h1", "Lost", "missing", NOW);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started)
                .when(new ReconcileVm("vm-1", "lost", "h1", "Lost", "missing"))
                .expectEvents(lost);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started, lost)
                .when(new ReconcileVm("vm-1", "found", "h1", "Running", "back"))
                .expectEvents(new VmReconciled("vm-1", "found", "h1", "Running", "back", NOW));
        // another host's report does not make it lost; a VM in an operation is left alone
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started)
                .when(new ReconcileVm("vm-1", "lost", "h2", "Lost", "missing on h2"))
                .expectNoEvents();
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started,
                        new VmOperationRequested("vm-1", "acme", "op-2", "stop", false, "admin@acme", NOW))
                .when(new ReconcileVm("vm-1", "lost", "h1", "Lost", "missing"))
                .expectNoEvents();
    }

    @Test
    void a_vm_whose_host_fell_silent_is_unknown_until_the_host_reports_it_again() {
        VmStarted started = new VmStarted("vm-1", "h1", NOW);
        VmReconciled unknown = new VmReconciled("vm-1", "state", "h1", "Unknown", "h1 silent", NOW);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started)
                .when(new ReconcileVm("vm-1", "state", "h1", "Unknown", "h1 silent"))
                .expectEvents(unknown);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started, unknown)
                .when(new ReconcileVm("vm-1", "found", "h1", "Running", "h1 runs it"))
                .expectEvents(new VmReconciled("vm-1", "found", "h1", "Running", "h1 runs it", NOW));
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started, unknown)
                .when(new ReconcileVm("vm-1", "lost", "h1", "Lost", "h1 reports no vm-1"))
                .expectEvents(new VmReconciled("vm-1", "lost", "h1", "Lost", "h1 reports no vm-1", NOW));
        // only the host's report decides: no second state correction, and no power operation meanwhile
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started, unknown)
                .when(new ReconcileVm("vm-1", "state", "h1", "Stopped", "stale"))
                .expectNoEvents();
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started, unknown)
                .when(new RequestVmOperation("vm-1", "op-9", VmAction.STOP, false, null, "admin@acme"))
                .expectException(VmRequestRefused.class);
    }

    @Test
    void the_power_state_and_the_host_follow_what_the_hosts_report() {
        VmStarted started = new VmStarted("vm-1", "h1", NOW);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started)
                .when(new ReconcileVm("vm-1", "state", "h1", "Stopped", "off on h1"))
                .expectEvents(new VmReconciled("vm-1", "state", "h1", "Stopped", "off on h1", NOW));
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started)
                .when(new ReconcileVm("vm-1", "state", "h1", "Running", "as recorded"))
                .expectNoEvents();
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, started)
                .when(new ReconcileVm("vm-1", "host", "h2", "Running", "runs on h2"))
                .expectEvents(new VmReconciled("vm-1", "host", "h2", "Running", "runs on h2", NOW));
        // a Failed VM is never adopted by a correction of state or host
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, TIMED_OUT)
                .when(new ReconcileVm("vm-1", "host", "h2", "Running", "runs on h2"))
                .expectNoEvents();
    }

    // ---- lifecycle operations --------------------------------------------------------------------------

    private static final VmStarted STARTED = new VmStarted("vm-1", "h1", NOW);

    private static VmOperationRequested requested(String operationId, String action, boolean force) {
        return new VmOperationRequested("vm-1", "acme", operationId, action, force, "user@acme", NOW);
    }

    private static RequestVmOperation operation(String operationId, VmAction action, boolean force, Long version) {
        return new RequestVmOperation("vm-1", operationId, action, force, version, "user@acme");
    }

    @Test
    void a_graceful_stop_asks_the_host_for_a_guest_shutdown_and_completes_as_stopped() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(operation("op-2", VmAction.STOP, false, null))
                .expectEvents(requested("op-2", "stop", false), new ChangeVmPowerOnHost("op-2", "h1", "vm-1", "shut-down"));
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false),
                        new ChangeVmPowerOnHost("op-2", "h1", "vm-1", "shut-down"))
                .when(new CompleteVmOperation("vm-1", "op-2"))
                .expectEvents(new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", NOW));
    }

    @Test
    void a_forced_stop_turns_the_vm_off() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(operation("op-2", VmAction.STOP, true, null))
                .expectEvents(requested("op-2", "stop", true), new ChangeVmPowerOnHost("op-2", "h1", "vm-1", "turn-off"));
    }

    @Test
    void start_needs_a_stopped_vm_and_restart_a_running_one() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(operation("op-2", VmAction.START, false, null))
                .expectException(VmRequestRefused.class)
                .expectExceptionMessage("VM vm-1 is Running; only a Stopped VM can be started");
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false),
                        new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", NOW))
                .when(operation("op-3", VmAction.RESTART, false, null))
                .expectException(VmRequestRefused.class);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false),
                        new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", NOW))
                .when(operation("op-3", VmAction.START, false, null))
                .expectEvents(requested("op-3", "start", false), new ChangeVmPowerOnHost("op-3", "h1", "vm-1", "start"));
    }

    @Test
    void one_operation_at_a_time() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "restart", false))
                .when(operation("op-3", VmAction.STOP, true, null))
                .expectException(VmRequestRefused.class)
                .expectExceptionMessage("operation op-2 (restart) of VM vm-1 is still running");
    }

    @Test
    void if_match_must_name_the_current_version() {
        // REQUESTED, PLACED, AGENT_COMMAND, STARTED: sequence numbers 0-3
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(operation("op-2", VmAction.RESTART, false, 2L))
                .expectException(VmRequestRefused.class)
                .expectExceptionMessage("VM vm-1 is at version 3, not 2 (If-Match); read it again and retry");
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(operation("op-2", VmAction.RESTART, false, 3L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_host_refusal_fails_the_operation_and_keeps_the_state() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false))
                .when(new RecordHostRefusal("vm-1", "op-2", "no shutdown integration service"))
                .expectEvents(new VmOperationFailed("vm-1", "op-2", "stop", "no shutdown integration service",
                        "Running", NOW));
    }

    @Test
    void a_host_refusal_of_the_create_fails_provisioning() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND)
                .when(new RecordHostRefusal("vm-1", "vm-1/create@h1", "not enough memory"))
                .expectEvents(new VmFailed("vm-1", "host h1 refused the VM: not enough memory", NOW));
    }

    @Test
    void a_timeout_fails_the_operation_and_a_late_answer_changes_nothing() {
        var failed = new VmOperationFailed("vm-1", "op-2", "stop", "timed out", "Running", NOW);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false))
                .when(new FailVmOperation("vm-1", "op-2", "timed out"))
                .expectEvents(failed);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false), failed)
                .when(new CompleteVmOperation("vm-1", "op-2"))
                .expectNoEvents();
    }

    @Test
    void a_resize_is_applied_when_the_host_confirms() {
        MemoryPlan dynamic = new MemoryPlan(true, 2048, 16384, 20, 50);
        var stopped = new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", NOW);
        var resizeRequested = new VmResizeRequested("vm-1", "acme", "op-3", 8, 4096, dynamic, "admin@acme", NOW);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false), stopped)
                .when(new ResizeVm("vm-1", "op-3", 8, 4096, dynamic, null, "admin@acme"))
                .expectEvents(resizeRequested, new ResizeVmOnHost("op-3", "h1", "vm-1", 8, 4096, dynamic));
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "stop", false), stopped,
                        resizeRequested)
                .when(new CompleteVmOperation("vm-1", "op-3"))
                .expectEvents(new VmResized("vm-1", 8, 4096, dynamic, NOW),
                        new VmOperationCompleted("vm-1", "op-3", "resize", "Stopped", NOW));
    }

    @Test
    void vcpus_change_only_while_stopped() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(new ResizeVm("vm-1", "op-2", 8, 8192, MemoryPlan.fixed(8192), null, "admin@acme"))
                .expectException(VmRequestRefused.class)
                .expectExceptionMessage("the vCPU count of VM vm-1 changes only while it is Stopped (Hyper-V); "
                        + "stop it first or keep vcpus at 4");
    }

    @Test
    void delete_removes_the_vm_from_its_host_and_a_deleted_vm_takes_nothing_more() {
        var deleted = new VmOperationCompleted("vm-1", "op-2", "delete", "Deleted", NOW);
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED)
                .when(operation("op-2", VmAction.DELETE, false, null))
                .expectEvents(requested("op-2", "delete", false), new ChangeVmPowerOnHost("op-2", "h1", "vm-1", "delete"));
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND, STARTED, requested("op-2", "delete", false), deleted)
                .when(operation("op-3", VmAction.START, false, null))
                .expectException(VmRequestRefused.class)
                .expectExceptionMessage("VM vm-1 is deleted");
    }

    @Test
    void a_vm_that_was_never_placed_is_deleted_at_once() {
        fixture.given(REQUESTED, new VmFailed("vm-1", "no host", NOW))
                .when(operation("op-2", VmAction.DELETE, false, null))
                .expectEvents(requested("op-2", "delete", false),
                        new VmOperationCompleted("vm-1", "op-2", "delete", "Deleted", NOW));
    }

    @Test
    void a_vm_still_being_provisioned_cannot_be_deleted() {
        fixture.given(REQUESTED, PLACED, AGENT_COMMAND)
                .when(operation("op-2", VmAction.DELETE, false, null))
                .expectException(VmRequestRefused.class);
    }
}
