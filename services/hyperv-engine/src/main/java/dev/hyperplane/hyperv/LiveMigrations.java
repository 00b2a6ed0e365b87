package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;

import java.io.Serializable;
import java.util.List;

/**
 * Live migration out of and into this host: pre-copy passes over the host's transport ({@link LiveMigration}
 * plans them), the simultaneous-migration limit, the hand-off ({@link MigratedVm}) and the migration network.
 */
final class LiveMigrations implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A VM's outgoing live migration, if one runs; changed only here. */
    static final class Outgoing implements Serializable {
        private static final long serialVersionUID = 1L;

        private Job job;

        boolean active() {
            return job != null;
        }
    }

    /** A live migration under way: its plan, when it started and how many passes were reported. */
    private static final class Job implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String destination;
        private final LiveMigration.Plan plan;
        private final long startedAt;
        private int passesReported;

        private Job(String destination, LiveMigration.Plan plan, long startedAt) {
            this.destination = destination;
            this.plan = plan;
            this.startedAt = startedAt;
        }
    }

    private final HostContext host;
    private final VmLifecycle lifecycle;
    private final IntegrationServices services;

    LiveMigrations(HostContext host, VmLifecycle lifecycle, IntegrationServices services) {
        this.host = host;
        this.lifecycle = lifecycle;
        this.services = services;
    }

    LiveMigration.Plan migrateOut(String vmId, String destination, double linkMbPerSec) {
        SimulatedVm vm = host.vm(vmId);
        if (vm.state() != VmState.RUNNING) {
            throw new CommandRejected("VM " + vmId + " is " + vm.state() + "; only running VMs migrate live");
        }
        host.requireFeature(vm.guest(), Feature.LIVE_MIGRATION, "Live migration");
        if (vm.migration.active()) {
            throw new CommandRejected("VM " + vmId + " is already migrating");
        }
        long running = host.vms().stream().filter(v -> v.migration.active()).count();
        HostSpec spec = host.spec;
        if (running >= spec.migration().simultaneous()) {
            throw new CommandRejected("host " + spec.hostId() + " already runs " + running
                    + " live migrations, its limit");
        }
        double rate = LiveMigration.rate(spec.migration().transport(), linkMbPerSec, idleCpuFraction());
        LiveMigration.Plan plan = LiveMigration.plan(vm.memory.assignedMb(), vm.spec().workload().dirtyMbPerSec(),
                rate, spec.version().maxMigrationPasses());
        vm.migration.job = new Job(destination, plan, host.now());
        return plan;
    }

    /** Receives a live-migrated VM: it runs here at once, its integration services already up. */
    void acceptIn(MigratedVm incoming) {
        SimulatedVm vm = lifecycle.define(incoming.vmId(), incoming.spec());
        if (incoming.assignedMb() > host.freeMemoryMb()) {
            host.remove(incoming.vmId());
            throw new CommandRejected("host " + host.spec.hostId() + " has " + host.freeMemoryMb() + " MB free, VM "
                    + incoming.vmId() + " holds " + incoming.assignedMb() + " MB");
        }
        vm.memory.assign(incoming.assignedMb());
        services.migratedIn(vm, incoming);
        lifecycle.runningAfterMigration(vm);
        services.resumedAfterMigration(vm);
    }

    /** One second of a migrating VM's passes; true when the VM has left this host. */
    boolean runGuest(SimulatedVm vm) {
        Job job = vm.migration.job;
        if (job == null) {
            return false;
        }
        long now = host.now();
        double elapsed = (now - job.startedAt) / 1000.0;
        double passEnd = 0;
        List<LiveMigration.Pass> passes = job.plan.passes();
        for (int i = 0; i < passes.size(); i++) {
            passEnd += passes.get(i).seconds();
            if (i >= job.passesReported && elapsed >= passEnd) {
                long dirty = i + 1 < passes.size() ? passes.get(i + 1).sentMb() : job.plan.finalMb();
                host.emit(new EngineEvent.MigrationPassCompleted(now, vm.vmId, job.destination, i + 1,
                        passes.get(i).sentMb(), dirty));
                job.passesReported = i + 1;
            }
        }
        if (job.passesReported < passes.size()) {
            return false;
        }
        vm.migration.job = null;
        if (!job.plan.converged()) {
            host.emit(new EngineEvent.MigrationFailed(now, vm.vmId, job.destination, "did not converge: "
                    + job.plan.finalMb() + " MB still dirty after " + passes.size() + " passes (the workload writes "
                    + vm.spec().workload().dirtyMbPerSec() + " MB/s)"));
            return false;
        }
        MigratedVm handOff = new MigratedVm(vm.vmId, vm.spec(), vm.memory.assignedMb(),
                vm.services.heartbeatSequence(), vm.services.externalKvp());
        host.remove(vm.vmId);
        host.emit(new EngineEvent.VmStateChanged(now, vm.vmId, vm.state(), VmState.OFF,
                "live migration to " + job.destination));
        host.emit(new EngineEvent.MigratedOut(now, vm.vmId, job.destination, passes.size(), job.plan.downtimeMs(),
                handOff));
        return true;
    }

    /** Fault: the migration network goes down; every live migration from this host fails, VMs keep running. */
    void cutNetwork() {
        for (SimulatedVm vm : host.vms()) {
            Job job = vm.migration.job;
            if (job != null) {
                host.emit(new EngineEvent.MigrationFailed(host.now(), vm.vmId, job.destination,
                        "the migration network was cut"));
                vm.migration.job = null;
            }
        }
    }

    /** CPU the running VMs leave idle, assuming each vCPU half busy (compression throttles to it). */
    private double idleCpuFraction() {
        long busy = host.vms().stream().filter(v -> v.state().guestRuns()).mapToLong(v -> v.spec().vcpus()).sum();
        return Math.max(0, 1 - busy * 0.5 / host.spec.logicalProcessors());
    }
}
