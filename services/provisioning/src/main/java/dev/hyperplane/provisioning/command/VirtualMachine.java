package dev.hyperplane.provisioning.command;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's VM (event-sourced). Every command is idempotent: one that arrives again, or too late for the VM's
 * state (a host confirming a VM that already failed), changes nothing.
 * <p>
 * Placing the VM also records the agent command for its host ({@link CreateVmOnHost}) as an event: the event
 * store is the outbox, and the forwarder delivers the command to the agent at least once under a stable id.
 */
public class VirtualMachine {
    static Clock clock = Clock.systemUTC();

    @AggregateIdentifier
    private String vmId;
    private String name;
    private int vcpus;
    private long memoryMb;
    private GuestOs guestOs;
    private int generation;
    private boolean secureBoot;
    private MemoryPlan memory;
    private VmStatus status;

    protected VirtualMachine() {
        // for Axon
    }

    @CommandHandler
    public VirtualMachine(CreateVm command) {
        apply(new VmRequested(command.vmId(), command.tenantId(), command.name(), command.vcpus(), command.memoryMb(),
                command.guestOs(), command.generation(), command.secureBoot(), command.memory(), command.operationId(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(PlaceVm command) {
        if (status != VmStatus.REQUESTED) {
            return;
        }
        apply(new VmPlaced(vmId, command.hostId(), clock.instant()));
        apply(new CreateVmOnHost(vmId + "/create@" + command.hostId(), command.hostId(), vmId, name, vcpus, memoryMb,
                guestOs, generation, secureBoot, memory));
    }

    @CommandHandler
    public void handle(ConfirmVmStarted command) {
        if (status != VmStatus.PLACED) {
            return;
        }
        apply(new VmStarted(vmId, command.hostId(), clock.instant()));
    }

    @CommandHandler
    public void handle(FailVm command) {
        if (status.isTerminal()) {
            return;
        }
        apply(new VmFailed(vmId, command.reason(), clock.instant()));
    }

    @EventSourcingHandler
    void on(VmRequested event) {
        vmId = event.vmId();
        name = event.name();
        vcpus = event.vcpus();
        memoryMb = event.memoryMb();
        guestOs = event.guestOs();
        generation = event.generation();
        secureBoot = event.secureBoot();
        memory = event.memory();
        status = VmStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(VmPlaced event) {
        status = VmStatus.PLACED;
    }

    @EventSourcingHandler
    void on(VmStarted event) {
        status = VmStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(VmFailed event) {
        status = VmStatus.FAILED;
    }
}
