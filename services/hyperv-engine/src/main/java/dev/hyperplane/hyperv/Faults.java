package dev.hyperplane.hyperv;

import java.io.Serializable;

/**
 * What goes wrong with a host or a guest as a whole: a kernel panic, followed by kexec/kdump or a hang and a
 * reset, and the host losing power. Faults that break one feature (a stalled heartbeat, a dead KVP or VSS
 * daemon, a hung freeze, a hot-add conflict, a cut migration network) live with that feature.
 */
final class Faults implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Crash kernel loaded after a panic. */
    static final long CRASH_KERNEL_MS = 5_000;
    /** Crash kernel wrote its dump (kdump). */
    static final long DUMP_WRITTEN_MS = 20_000;
    /** A hung guest is reset by the host after this (no dump possible). */
    static final long HANG_RESET_MS = 60_000;

    /** When a VM's guest kernel panicked; changed only here. */
    static final class Crash implements Serializable {
        private static final long serialVersionUID = 1L;

        /** -1 while the guest runs normally. */
        private long panickedAt = -1;

        boolean panicked() {
            return panickedAt >= 0;
        }

        void guestGone() {
            panickedAt = -1;
        }
    }

    private final HostContext host;
    private final VmLifecycle lifecycle;
    private final IntegrationServices services;
    private final LiveMigrations migrations;

    Faults(HostContext host, VmLifecycle lifecycle, IntegrationServices services, LiveMigrations migrations) {
        this.host = host;
        this.lifecycle = lifecycle;
        this.services = services;
        this.migrations = migrations;
    }

    /** The guest kernel panics: kdump takes over when guest and host allow, then the VM reboots. */
    void panic(String vmId) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() != VmState.RUNNING || vm.crash.panicked()) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state() + "; only a running guest can panic");
        }
        vm.crash.panickedAt = host.now();
        host.emit(new EngineEvent.GuestPanicked(host.now(), vmId));
    }

    /** The host loses power: every VM is off at once, migrations fail, running backups are lost. */
    void powerLoss() {
        migrations.cutNetwork();
        migrations.dropReservations();
        for (SimulatedVm vm : host.snapshot()) {
            vm.vss.lost();
            if (vm.state() != VmState.OFF && vm.state() != VmState.SAVED) {
                lifecycle.powerOff(vm, "host power loss");
            }
        }
    }

    /**
     * One second of a panicked guest; false when the guest runs normally. After a panic the guest answers
     * nothing. kdump's crash kernel must re-attach to VMBus to reach its disk: WS2012 R2+ hosts (VMBus 3.0) allow
     * that reconnect, older ones do not, and the guest hangs until the host resets it. Windows writes its dump to
     * the page file and needs no reconnect.
     */
    boolean runGuest(SimulatedVm vm) {
        if (!vm.crash.panicked()) {
            return false;
        }
        long now = host.now();
        long since = now - vm.crash.panickedAt;
        if (since >= 3L * SimulatedVm.HEARTBEAT_PERIOD_MS) {
            services.loseContact(vm);
        }
        HostSpec spec = host.spec;
        boolean canDump = vm.guest().isWindows() || spec.version().supportsVmbusReconnect();
        if (!canDump && since == CRASH_KERNEL_MS) {
            host.emit(new EngineEvent.CrashDumpFailed(now, vm.vmId, "the crash kernel cannot re-attach to VMBus: host "
                    + spec.version().label() + " (VMBus " + spec.version().vmbusVersionText()
                    + ") does not support reconnect"));
        }
        if (canDump && since == DUMP_WRITTEN_MS) {
            host.emit(new EngineEvent.CrashDumpCaptured(now, vm.vmId, 64 + vm.memory.assignedMb() / 16));
        }
        if (canDump && since >= DUMP_WRITTEN_MS + 5_000 || !canDump && since >= HANG_RESET_MS) {
            lifecycle.restart(vm.vmId);
        }
        return true;
    }
}
