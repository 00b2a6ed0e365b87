package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.RestoreVmOnHost;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.guestsupport.GuestHosts;
import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.MigrationMode;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import dev.hyperplane.provisioning.saga.VmPlacer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's VM (event-sourced): provisioning, then one lifecycle operation at a time (start, stop, restart,
 * resize, delete), and moves to other hosts (a migration reserves its destination here, and the VM is recorded on
 * the destination once it runs there). Answers from hosts are idempotent: one that arrives again, or too late for the VM's state (a host
 * confirming a VM that already failed), changes nothing.
 * <p>
 * Every command to the VM's host is recorded as an event ({@link CreateVmOnHost}, {@link ChangeVmPowerOnHost},
 * {@link ResizeVmOnHost}): the event store is the outbox, and the forwarder delivers the command to the agent at
 * least once under a stable id. An operation's agent command id is the operation id.
 */
public class VirtualMachine {

    /** The cause of a move that is an HA restart on another host, not a migration. */
    private static final String HA = "ha";

    @AggregateIdentifier
    private String vmId;
    private String tenantId;
    private String name;
    private int vcpus;
    private long memoryMb;
    private GuestOs guestOs;
    private int generation;
    private boolean secureBoot;
    private MemoryPlan memory;
    private String antiAffinityGroup;
    private MigrationMode migrationMode;
    private HaPriority haPriority;
    private VmStatus status;
    private String hostId;
    private String createCommandId;
    /** A restore point's disks the VM is created from; null for new, empty disks. */
    private List<DiskContent> restoredDisks;
    private Pending pending;
    /** Hosts a tear-down was already sent to. */
    private final Set<String> tornDownOn = new HashSet<>();
    /** In-place restores this VM started or refused: a request redelivered after its end starts nothing again. */
    private final Set<String> restores = new HashSet<>();
    /** Fenced hosts HA restarted the VM away from: a copy they still hold is stale, never the VM. */
    private final Set<String> restartedAwayFrom = new HashSet<>();

    /** The move in progress: the VM runs on {@code hostId} until it runs on the destination. */
    private Move move;

    /**
     * @param statusBefore the VM's status when the move started, which it keeps if the move is abandoned (Running
     *                     for a migration; Unknown or Lost, on a fenced host, for an HA restart)
     */
    private record Move(String migrationId, String destinationHostId, String cause, VmStatus statusBefore) {
    }

    /** The operation in progress, with what a resize asked for. */
    private record Pending(String operationId, VmAction action, int vcpus, long memoryMb, MemoryPlan memory) {
    }

    protected VirtualMachine() {
        // for Axon
    }

    @CommandHandler
    public VirtualMachine(CreateVm command, Clock clock) {
        apply(new VmRequested(command.vmId(), command.tenantId(), command.name(), command.vcpus(), command.memoryMb(),
                command.guestOs(), command.generation(), command.secureBoot(), command.memory(), command.operationId(),
                command.antiAffinityGroup(), command.requestedBy(), clock.instant(),
                MigrationMode.of(command.migrationMode()).label(), HaPriority.of(command.haPriority()).label(),
                command.restoreId(), command.disks()));
    }

    @CommandHandler
    public void handle(PlaceVm command, Clock clock) {
        if (status != VmStatus.REQUESTED) {
            return;
        }
        apply(new VmPlaced(vmId, command.hostId(), clock.instant(), command.warning()));
        apply(new CreateVmOnHost(vmId + "/create@" + command.hostId(), command.hostId(), vmId, name, vcpus, memoryMb,
                guestOs, generation, secureBoot, memory, restoredDisks));
    }

    @CommandHandler
    public void handle(ConfirmVmStarted command, Clock clock) {
        if (move != null && move.cause().equals(HA) && command.hostId().equals(move.destinationHostId())) {
            apply(new VmMoved(vmId, move.migrationId(), hostId, move.destinationHostId(), HA, clock.instant()));
            return;
        }
        if (status == VmStatus.FAILED) {
            // Failed is final: a start after the deadline is torn down, never adopted
            tearDown(command.hostId(), "VM " + vmId + " started on host " + command.hostId()
                    + " after it had failed: removed from the host, never adopted", clock);
            return;
        }
        if (status != VmStatus.PLACED) {
            return;
        }
        apply(new VmStarted(vmId, command.hostId(), clock.instant()));
    }

    /** Applies what the reconciler found, if the VM's own state still calls for it (it may have moved on). */
    @CommandHandler
    public void handle(ReconcileVm command, Clock clock) {
        boolean known = status == VmStatus.RUNNING || status == VmStatus.STOPPED;
        boolean missing = status == VmStatus.LOST || status == VmStatus.UNKNOWN;
        boolean settled = pending == null && (known || missing);
        boolean applies = switch (command.kind()) {
            case "tear-down" -> status == VmStatus.FAILED || status == VmStatus.DELETED;
            case "lost" -> settled && status != VmStatus.LOST && command.hostId().equals(hostId);
            case "found" -> settled && missing && command.hostId().equals(hostId);
            case "state" -> settled && known && command.hostId().equals(hostId)
                    && !status.label().equals(command.newState());
            case "host" -> settled && !command.hostId().equals(hostId);
            default -> throw new IllegalArgumentException("unknown correction " + command.kind());
        };
        if (!applies) {
            return;
        }
        if (command.kind().equals("tear-down")) {
            tearDown(command.hostId(), command.reason(), clock);
        } else if (command.kind().equals("host") && restartedAwayFrom.contains(command.hostId())) {
            tearDown(command.hostId(), "host " + command.hostId() + " holds a stale copy of VM " + vmId + " from "
                    + "before it was fenced; the VM was restarted on " + hostId + ": removed from the host", clock);
        } else {
            apply(new VmReconciled(vmId, command.kind(), command.hostId(), command.newState(), command.reason(),
                    clock.instant()));
        }
    }

    /**
     * Removes the VM from a host that runs it against the record, once per host: the agent command's id is stable,
     * so a repeated report or a redelivery does not send it twice.
     */
    private void tearDown(String onHost, String reason, Clock clock) {
        if (tornDownOn.contains(onHost)) {
            return;
        }
        apply(new VmReconciled(vmId, "tear-down", onHost, status.label(), reason, clock.instant()));
        apply(new ChangeVmPowerOnHost(vmId + "/tear-down@" + onHost, onHost, vmId, "delete"));
    }

    @CommandHandler
    public void handle(FailVm command, Clock clock) {
        if (status.isProvisioned()) {
            return;
        }
        apply(new VmFailed(vmId, command.reason(), clock.instant()));
    }

    @CommandHandler
    public void handle(RequestVmOperation command, Clock clock) {
        checkAccepts(command.expectedVersion());
        VmAction action = command.action();
        String hostAction;
        if (action == VmAction.START) {
            require(VmStatus.STOPPED, "started");
            hostAction = "start";
        } else if (action == VmAction.STOP) {
            require(VmStatus.RUNNING, "stopped");
            hostAction = command.force() ? "turn-off" : "shut-down";
        } else if (action == VmAction.RESTART) {
            require(VmStatus.RUNNING, "restarted");
            hostAction = "restart";
        } else if (action == VmAction.DELETE) {
            if (!status.isProvisioned()) {
                throw new VmRequestRefused(VmRequestRefused.Kind.CONFLICT, "VM " + vmId + " is still being "
                        + "provisioned (" + status.label() + "); delete it when it is Running or Failed");
            }
            hostAction = "delete";
        } else {
            throw new IllegalArgumentException(action + " is not a power operation; resize has its own command");
        }
        apply(new VmOperationRequested(vmId, tenantId, command.operationId(), action.label(), command.force(),
                command.requestedBy(), clock.instant()));
        if (hostId == null) { // never placed: nothing on any host to delete
            apply(new VmOperationCompleted(vmId, command.operationId(), action.label(), VmStatus.DELETED.label(),
                    clock.instant()));
        } else {
            apply(new ChangeVmPowerOnHost(command.operationId(), hostId, vmId, hostAction));
        }
    }

    /**
     * An in-place restore: only a Running or Stopped VM with nothing under way, turned off, its disks replaced and
     * started by its host (the restore's id is the agent command's). A refusal is an event, so that the backup
     * service learns why; the same restore again changes nothing.
     */
    @CommandHandler
    public void handle(RestoreVm command, Clock clock) {
        if (restores.contains(command.restoreId())) {
            return;
        }
        String refusal = null;
        if (status == VmStatus.DELETED) {
            refusal = "VM " + vmId + " is deleted; restore the point as a new VM";
        } else if (move != null) {
            refusal = "VM " + vmId + " is Moving to " + move.destinationHostId() + " (migration " + move.migrationId()
                    + "); restore it when it has moved";
        } else if (pending != null) {
            refusal = "operation " + pending.operationId() + " (" + pending.action().label() + ") of VM " + vmId
                    + " is still running";
        } else if (status != VmStatus.RUNNING && status != VmStatus.STOPPED) {
            refusal = "VM " + vmId + " is " + status.label() + "; only a Running or Stopped VM is restored in place";
        }
        if (refusal != null) {
            apply(new VmRestoreFailed(vmId, tenantId, command.restoreId(), refusal, status.label(), clock.instant()));
            return;
        }
        apply(new VmRestoreStarted(vmId, tenantId, command.restoreId(), command.restorePointId(), hostId,
                command.requestedBy(), clock.instant()));
        apply(new RestoreVmOnHost(command.restoreId(), hostId, vmId, command.disks()));
    }

    @CommandHandler
    public void handle(ResizeVm command, Clock clock) {
        checkAccepts(command.expectedVersion());
        if (status != VmStatus.RUNNING && status != VmStatus.STOPPED) {
            throw new VmRequestRefused(VmRequestRefused.Kind.CONFLICT,
                    "VM " + vmId + " is " + status.label() + "; only Running or Stopped VMs are resized");
        }
        if (command.vcpus() != vcpus && status != VmStatus.STOPPED) {
            throw new VmRequestRefused(VmRequestRefused.Kind.CONFLICT, "the vCPU count of VM " + vmId
                    + " changes only while it is Stopped (Hyper-V); stop it first or keep vcpus at " + vcpus);
        }
        apply(new VmResizeRequested(vmId, tenantId, command.operationId(), command.vcpus(), command.memoryMb(),
                command.memory(), command.requestedBy(), clock.instant()));
        apply(new ResizeVmOnHost(command.operationId(), hostId, vmId, command.vcpus(), command.memoryMb(),
                command.memory()));
    }

    /**
     * A destination for a migration, reserved with the placement rules in this command's transaction (placements
     * and moves take turns, so they never both take the last room of a host), or refused with the reason. Only a
     * Running VM with no operation under way moves; the same request again changes nothing.
     */
    @CommandHandler
    public void handle(ReserveMove command, Clock clock, VmPlacer placer) {
        if (move != null && move.migrationId().equals(command.migrationId())) {
            return;
        }
        String refusal = null;
        if (status != VmStatus.RUNNING || pending != null || move != null) {
            refusal = "VM " + vmId + " is " + status.label() + (pending != null ? " with operation "
                    + pending.operationId() + " under way" : move != null ? " (migration " + move.migrationId() + ")"
                    : "") + "; only a Running VM with nothing under way moves";
        } else if (migrationMode.refusal(vmId, command.mode()).isPresent()) {
            refusal = migrationMode.refusal(vmId, command.mode()).get();
        } else if (command.targetHostId() != null && command.targetHostId().equals(hostId)) {
            refusal = "VM " + vmId + " already runs on " + hostId;
        }
        Placement.Decision decision = refusal != null ? null
                : placer.placeMove(placementRequest(), hostId, command.targetHostId(), command.migrationId());
        if (decision == null || !decision.placed()) {
            apply(new VmMoveRefused(vmId, command.migrationId(), refusal != null ? refusal : decision.refusal(),
                    clock.instant()));
            return;
        }
        apply(new VmMoveStarted(vmId, command.migrationId(), hostId, decision.hostId(), command.cause(),
                clock.instant()));
    }

    /**
     * Starts the VM of a fenced host on another one (HA): reserved with the placement rules like a migration's
     * destination, then created there from its shared disks. Only a VM still recorded on the failed host, neither
     * moving nor under an operation, and not known to be off, is restarted; the same request again changes nothing.
     */
    @CommandHandler
    public void handle(RestartElsewhere command, Clock clock, VmPlacer placer) {
        if (move != null && move.migrationId().equals(command.restartId())) {
            return;
        }
        String refusal = null;
        if (!command.failedHostId().equals(hostId)) {
            refusal = "VM " + vmId + " is recorded on " + hostId + ", not on the failed host " + command.failedHostId();
        } else if (status != VmStatus.RUNNING && status != VmStatus.UNKNOWN && status != VmStatus.LOST) {
            refusal = "VM " + vmId + " is " + status.label() + (move != null ? " (migration " + move.migrationId()
                    + ")" : "") + "; only a Running, Unknown or Lost VM of a failed host is restarted";
        } else if (pending != null) {
            refusal = "VM " + vmId + " has operation " + pending.operationId() + " (" + pending.action().label()
                    + ") under way";
        }
        Placement.Decision decision = refusal != null ? null
                : placer.placeMove(placementRequest(), hostId, null, command.restartId());
        if (decision == null || !decision.placed()) {
            apply(new VmMoveRefused(vmId, command.restartId(), refusal != null ? refusal : decision.refusal(),
                    clock.instant()));
            return;
        }
        apply(new VmMoveStarted(vmId, command.restartId(), hostId, decision.hostId(), HA, clock.instant()));
        apply(new CreateVmOnHost(haCreateCommandId(command.restartId()), decision.hostId(), vmId, name, vcpus,
                memoryMb, guestOs, generation, secureBoot, memory));
    }

    /** The create command of one restart attempt: its agent's refusal finds the attempt by it. */
    private String haCreateCommandId(String restartId) {
        return vmId + "/" + restartId;
    }

    @CommandHandler
    public void handle(CompleteMove command, Clock clock) {
        if (move == null || !move.migrationId().equals(command.migrationId())) {
            return; // redelivered, or not this VM's move
        }
        apply(new VmMoved(vmId, move.migrationId(), hostId, move.destinationHostId(), move.cause(), clock.instant()));
    }

    @CommandHandler
    public void handle(AbandonMove command, Clock clock) {
        if (move == null || !move.migrationId().equals(command.migrationId())) {
            return;
        }
        apply(new VmMoveAbandoned(vmId, move.migrationId(), command.reason(), clock.instant(),
                move.statusBefore().label()));
    }

    /** How the VM may move from now on; the same mode again changes nothing. */
    @CommandHandler
    public void handle(SetMigrationMode command, Clock clock) {
        if (status == VmStatus.DELETED) {
            throw new VmRequestRefused(VmRequestRefused.Kind.GONE, "VM " + vmId + " is deleted");
        }
        MigrationMode mode = MigrationMode.of(command.migrationMode());
        if (mode != migrationMode) {
            apply(new VmMigrationModeChanged(vmId, mode.label(), command.changedBy(), clock.instant()));
        }
    }

    /** Where the VM stands when its host fails, from now on; the same priority again changes nothing. */
    @CommandHandler
    public void handle(SetHaPriority command, Clock clock) {
        if (status == VmStatus.DELETED) {
            throw new VmRequestRefused(VmRequestRefused.Kind.GONE, "VM " + vmId + " is deleted");
        }
        HaPriority priority = HaPriority.of(command.haPriority());
        if (priority != haPriority) {
            apply(new VmHaPriorityChanged(vmId, priority.label(), command.changedBy(), clock.instant()));
        }
    }

    /** What placement needs to know about this VM. */
    private PlacementRequest placementRequest() {
        return new PlacementRequest(vmId, tenantId, vcpus, memoryMb, GuestHosts.labels(guestOs.family(),
                guestOs.catalogId(), guestOs.distribution(), guestOs.version(), secureBoot), antiAffinityGroup);
    }

    @CommandHandler
    public void handle(CompleteVmOperation command, Clock clock) {
        if (pending == null || !pending.operationId().equals(command.operationId())) {
            return; // redelivered, or too late: the operation already ended
        }
        if (pending.action() == VmAction.RESTORE) {
            apply(new VmRestored(vmId, pending.operationId(), hostId, clock.instant()));
            return;
        }
        VmStatus after = switch (pending.action()) {
            case START, RESTART, RESTORE -> VmStatus.RUNNING;
            case STOP -> VmStatus.STOPPED;
            case DELETE -> VmStatus.DELETED;
            case RESIZE -> status;
        };
        if (pending.action() == VmAction.RESIZE) {
            apply(new VmResized(vmId, pending.vcpus(), pending.memoryMb(), pending.memory(), clock.instant()));
        }
        apply(new VmOperationCompleted(vmId, pending.operationId(), pending.action().label(), after.label(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(FailVmOperation command, Clock clock) {
        if (pending != null && pending.operationId().equals(command.operationId())) {
            failPending(command.reason(), clock);
        }
    }

    @CommandHandler
    public void handle(RecordHostRefusal command, Clock clock) {
        if (pending != null && pending.operationId().equals(command.commandId())) {
            failPending(command.reason(), clock);
        } else if (move != null && command.commandId().equals(haCreateCommandId(move.migrationId()))) {
            apply(new VmMoveAbandoned(vmId, move.migrationId(), "host " + move.destinationHostId()
                    + " refused the VM: " + command.reason(), clock.instant(), move.statusBefore().label()));
        } else if (command.commandId().equals(createCommandId) && !status.isProvisioned()) {
            apply(new VmFailed(vmId, "host " + hostId + " refused the VM: " + command.reason(), clock.instant()));
        }
    }

    private void failPending(String reason, Clock clock) {
        if (pending.action() == VmAction.RESTORE) {
            apply(new VmRestoreFailed(vmId, tenantId, pending.operationId(), reason, status.label(), clock.instant()));
            return;
        }
        apply(new VmOperationFailed(vmId, pending.operationId(), pending.action().label(), reason, status.label(),
                clock.instant()));
    }

    /** One operation at a time, on a VM that exists, at the version the caller saw. */
    private void checkAccepts(Long expectedVersion) {
        if (status == VmStatus.DELETED) {
            throw new VmRequestRefused(VmRequestRefused.Kind.GONE, "VM " + vmId + " is deleted");
        }
        Long version = AggregateLifecycle.getVersion();
        if (expectedVersion != null && !expectedVersion.equals(version)) {
            throw new VmRequestRefused(VmRequestRefused.Kind.VERSION_MISMATCH, "VM " + vmId + " is at version "
                    + version + ", not " + expectedVersion + " (If-Match); read it again and retry");
        }
        if (move != null) {
            throw new VmRequestRefused(VmRequestRefused.Kind.CONFLICT, "VM " + vmId + " is Moving to "
                    + move.destinationHostId() + " (migration " + move.migrationId() + "); try again when it has moved");
        }
        if (pending != null) {
            throw new VmRequestRefused(VmRequestRefused.Kind.CONFLICT, "operation " + pending.operationId() + " ("
                    + pending.action().label() + ") of VM " + vmId + " is still running");
        }
    }

    private void require(VmStatus needed, String what) {
        if (status != needed) {
            throw new VmRequestRefused(VmRequestRefused.Kind.CONFLICT, "VM " + vmId + " is " + status.label()
                    + "; only a " + needed.label() + " VM can be " + what);
        }
    }

    @EventSourcingHandler
    void on(VmRequested event) {
        vmId = event.vmId();
        tenantId = event.tenantId();
        name = event.name();
        vcpus = event.vcpus();
        memoryMb = event.memoryMb();
        guestOs = event.guestOs();
        generation = event.generation();
        secureBoot = event.secureBoot();
        memory = event.memory();
        antiAffinityGroup = event.antiAffinityGroup();
        migrationMode = MigrationMode.of(event.migrationMode());
        haPriority = HaPriority.of(event.haPriority());
        restoredDisks = event.disks();
        status = VmStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(VmHaPriorityChanged event) {
        haPriority = HaPriority.of(event.haPriority());
    }

    @EventSourcingHandler
    void on(VmMigrationModeChanged event) {
        migrationMode = MigrationMode.of(event.migrationMode());
    }

    @EventSourcingHandler
    void on(VmPlaced event) {
        status = VmStatus.PLACED;
        hostId = event.hostId();
    }

    @EventSourcingHandler
    void on(CreateVmOnHost event) {
        if (status == VmStatus.PLACED) { // an HA restart's create is the move's, not the VM's creation
            createCommandId = event.commandId();
        }
    }

    @EventSourcingHandler
    void on(VmReconciled event) {
        if (event.correction().equals("tear-down")) {
            tornDownOn.add(event.hostId());
        } else {
            status = VmStatus.valueOf(event.state().toUpperCase());
            hostId = event.hostId();
        }
    }

    @EventSourcingHandler
    void on(VmStarted event) {
        status = VmStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(VmFailed event) {
        status = VmStatus.FAILED;
    }

    @EventSourcingHandler
    void on(VmOperationRequested event) {
        pending = new Pending(event.operationId(), VmAction.of(event.action()), vcpus, memoryMb, memory);
    }

    @EventSourcingHandler
    void on(VmResizeRequested event) {
        pending = new Pending(event.operationId(), VmAction.RESIZE, event.vcpus(), event.memoryMb(), event.memory());
    }

    @EventSourcingHandler
    void on(VmResized event) {
        vcpus = event.vcpus();
        memoryMb = event.memoryMb();
        memory = event.memory();
    }

    @EventSourcingHandler
    void on(VmOperationCompleted event) {
        pending = null;
        status = VmStatus.valueOf(event.state().toUpperCase());
    }

    @EventSourcingHandler
    void on(VmOperationFailed event) {
        pending = null;
    }

    @EventSourcingHandler
    void on(VmRestoreStarted event) {
        restores.add(event.restoreId());
        pending = new Pending(event.restoreId(), VmAction.RESTORE, vcpus, memoryMb, memory);
    }

    /** The host runs the VM with the restored disks. */
    @EventSourcingHandler
    void on(VmRestored event) {
        pending = null;
        status = VmStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(VmRestoreFailed event) {
        restores.add(event.restoreId());
        if (pending != null && pending.operationId().equals(event.restoreId())) {
            pending = null;
        }
    }

    @EventSourcingHandler
    void on(VmMoveStarted event) {
        move = new Move(event.migrationId(), event.destinationHostId(), event.cause(), status);
        status = VmStatus.MOVING;
    }

    @EventSourcingHandler
    void on(VmMoved event) {
        move = null;
        if (HA.equals(event.cause())) {
            restartedAwayFrom.add(event.sourceHostId());
        }
        restartedAwayFrom.remove(event.destinationHostId());
        hostId = event.destinationHostId();
        status = VmStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(VmMoveAbandoned event) {
        status = move.statusBefore();
        move = null;
    }
}
