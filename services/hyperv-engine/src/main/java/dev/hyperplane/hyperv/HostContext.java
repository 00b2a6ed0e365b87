package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What every feature of one simulated host shares: its spec, the support tables, the clock, the seeded
 * randomness, its VMs (in definition order, which fixes the order of events) and the listener events go to.
 */
final class HostContext implements Serializable {
    private static final long serialVersionUID = 1L;

    final HostSpec spec;
    /** The support tables and the listener are not state: a restored snapshot is given them again. */
    transient LisMatrix matrix;
    /** Drawn from in command and tick order only, so a run repeats exactly. */
    final Random random;
    private final VirtualClock clock;
    private transient Consumer<EngineEvent> listener;
    private final Map<String, SimulatedVm> vms = new LinkedHashMap<>();
    /** Memory held for VMs migrating in, by VM id; null in a snapshot from before reservations existed. */
    private Map<String, Long> reserved = new LinkedHashMap<>();

    HostContext(HostSpec spec, LisMatrix matrix, Random random, VirtualClock clock, Consumer<EngineEvent> listener) {
        this.spec = spec;
        this.matrix = matrix;
        this.random = random;
        this.clock = clock;
        this.listener = listener;
    }

    /** Connects a host restored from a snapshot to the tables and the listener of the new process. */
    void attach(LisMatrix matrix, Consumer<EngineEvent> listener) {
        this.matrix = matrix;
        this.listener = listener;
    }

    long now() {
        return clock.now();
    }

    void emit(EngineEvent event) {
        listener.accept(event);
    }

    /** The VM, or a rejection naming the host. */
    SimulatedVm vm(String vmId) {
        SimulatedVm vm = vms.get(vmId);
        if (vm == null) {
            throw new CommandRejected("no VM " + vmId + " on host " + spec.hostId());
        }
        return vm;
    }

    SimulatedVm find(String vmId) {
        return vms.get(vmId);
    }

    boolean contains(String vmId) {
        return vms.containsKey(vmId);
    }

    /** Whether this very VM is still on the host (a tick may remove or replace it). */
    boolean holds(SimulatedVm vm) {
        return vms.get(vm.vmId) == vm;
    }

    void add(SimulatedVm vm) {
        vms.put(vm.vmId, vm);
    }

    void remove(String vmId) {
        vms.remove(vmId);
    }

    Collection<SimulatedVm> vms() {
        return Collections.unmodifiableCollection(vms.values());
    }

    /** A copy to iterate over while VMs come and go. */
    List<SimulatedVm> snapshot() {
        return List.copyOf(vms.values());
    }

    List<String> vmIds() {
        return List.copyOf(vms.keySet());
    }

    /** Memory VMs may still get: physical less the root reserve, what VMs hold and what is reserved for VMs coming. */
    long freeMemoryMb() {
        long assigned = vms.values().stream().mapToLong(vm -> vm.memory.physicalMb()).sum();
        return spec.memoryMb() - spec.rootReserveMb() - assigned - reservedMb();
    }

    long reservedMb() {
        return reservations().values().stream().mapToLong(Long::longValue).sum();
    }

    long reservedFor(String vmId) {
        return reservations().getOrDefault(vmId, 0L);
    }

    void reserve(String vmId, long mb) {
        reservations().put(vmId, mb);
    }

    void release(String vmId) {
        reservations().remove(vmId);
    }

    void releaseAll() {
        reservations().clear();
    }

    private Map<String, Long> reservations() {
        if (reserved == null) {
            reserved = new LinkedHashMap<>();
        }
        return reserved;
    }

    boolean supports(Guest guest, Feature feature) {
        return guest.supports(feature, spec.version(), matrix);
    }

    String whyNot(Guest guest, Feature feature) {
        return guest.whyNot(feature, spec.version(), matrix);
    }

    /** Rejects {@code what} when the guest or this host lacks the feature, naming which. */
    void requireFeature(Guest guest, Feature feature, String what) {
        String why = whyNot(guest, feature);
        if (why != null) {
            throw new CommandRejected(what + " is not possible: " + why, feature);
        }
    }

    /** Rejects a start or resume that needs more memory than the host has free. */
    void requireFree(long neededMb, String vmId, String what) {
        if (neededMb > freeMemoryMb()) {
            throw new CommandRejected("host " + spec.hostId() + " has " + freeMemoryMb() + " MB free, VM " + vmId
                    + " needs " + neededMb + " MB to " + what);
        }
    }

    /** Rejects a vCPU count the host's logical processors cannot back. */
    void requireVcpus(int vcpus) {
        if (vcpus < 1 || vcpus > spec.logicalProcessors()) {
            throw new CommandRejected("vCPUs must be 1-" + spec.logicalProcessors() + " on host " + spec.hostId()
                    + ", was " + vcpus);
        }
    }
}
