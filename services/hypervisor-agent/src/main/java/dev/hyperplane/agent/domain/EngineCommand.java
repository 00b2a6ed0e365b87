package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.DiskImage;
import dev.hyperplane.hyperv.LiveMigration;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.MigratedVm;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.Workload;

import java.util.List;

/**
 * A command the engine accepted, as kept in the replay log: applying the same commands at the same simulated
 * times to a host built from the same seed rebuilds the same state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineCommand.CreateVm.class, name = "create-vm"),
        @JsonSubTypes.Type(value = EngineCommand.Power.class, name = "power"),
        @JsonSubTypes.Type(value = EngineCommand.Resize.class, name = "resize"),
        @JsonSubTypes.Type(value = EngineCommand.SetMemory.class, name = "set-memory"),
        @JsonSubTypes.Type(value = EngineCommand.SetWorkload.class, name = "set-workload"),
        @JsonSubTypes.Type(value = EngineCommand.SetVideo.class, name = "set-video"),
        @JsonSubTypes.Type(value = EngineCommand.Backup.class, name = "backup"),
        @JsonSubTypes.Type(value = EngineCommand.RestoreInPlace.class, name = "restore-in-place"),
        @JsonSubTypes.Type(value = EngineCommand.BackupFault.class, name = "backup-fault"),
        @JsonSubTypes.Type(value = EngineCommand.CopyFile.class, name = "copy-file"),
        @JsonSubTypes.Type(value = EngineCommand.SetKvp.class, name = "set-kvp"),
        @JsonSubTypes.Type(value = EngineCommand.Migrate.class, name = "migrate"),
        @JsonSubTypes.Type(value = EngineCommand.AcceptIn.class, name = "accept-in"),
        @JsonSubTypes.Type(value = EngineCommand.HoldForHandOff.class, name = "hold-for-hand-off"),
        @JsonSubTypes.Type(value = EngineCommand.ReserveIncoming.class, name = "reserve-incoming"),
        @JsonSubTypes.Type(value = EngineCommand.ReleaseIncoming.class, name = "release-incoming"),
        @JsonSubTypes.Type(value = EngineCommand.CompleteMigrationOut.class, name = "complete-migration-out"),
        @JsonSubTypes.Type(value = EngineCommand.AbortMigration.class, name = "abort-migration"),
        @JsonSubTypes.Type(value = EngineCommand.Panic.class, name = "panic"),
        @JsonSubTypes.Type(value = EngineCommand.StallHeartbeat.class, name = "stall-heartbeat"),
        @JsonSubTypes.Type(value = EngineCommand.StopKvpDaemon.class, name = "stop-kvp-daemon"),
        @JsonSubTypes.Type(value = EngineCommand.FailHotAdd.class, name = "fail-hot-add"),
        @JsonSubTypes.Type(value = EngineCommand.PowerLoss.class, name = "power-loss"),
        @JsonSubTypes.Type(value = EngineCommand.OutOfBand.class, name = "out-of-band")})
public sealed interface EngineCommand {

    void applyTo(SimulatedHost host);

    /** A command that answers an agent command about one VM. */
    sealed interface Answering extends EngineCommand {
        String vmId();

        String commandId();
    }

    /**
     * Define the VM and power it on; {@code commandId} is the agent command it answers. {@code disks}, when given,
     * are written before the first start (a restore as a new VM).
     */
    record CreateVm(String vmId, VmSpec spec, String commandId, List<DiskImage> disks) implements Answering {

        CreateVm(String vmId, VmSpec spec, String commandId) {
            this(vmId, spec, commandId, null);
        }

        @Override
        public void applyTo(SimulatedHost host) {
            host.define(vmId, spec);
            try {
                if (disks != null && !disks.isEmpty()) {
                    host.restoreDisks(vmId, disks);
                }
                host.start(vmId);
            } catch (RuntimeException e) {
                host.delete(vmId); // a VM that cannot start is not kept
                throw e;
            }
        }
    }

    /**
     * A power action of an agent command ({@code start}, {@code shut-down}, {@code turn-off}, {@code restart},
     * {@code delete}, {@code pause}, {@code save}, {@code resume}). Delete turns a running VM off first and is done
     * when the VM is gone already.
     */
    record Power(String vmId, String action, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            switch (action) {
                case "start" -> host.start(vmId);
                case "shut-down" -> host.shutDown(vmId, false);
                case "turn-off" -> host.turnOff(vmId);
                case "restart" -> host.restart(vmId);
                case "pause" -> host.pause(vmId);
                case "save" -> host.save(vmId);
                case "resume" -> host.resume(vmId);
                case "delete" -> {
                    if (!host.vmIds().contains(vmId)) {
                        return;
                    }
                    VmState state = host.vmView(vmId).state();
                    if (state != VmState.OFF && state != VmState.SAVED) {
                        host.turnOff(vmId);
                    }
                    host.delete(vmId);
                }
                default -> throw new CommandRejected("unknown power action " + action);
            }
        }

        /** The state the VM must reach for the command to be done; null when applying it is enough. */
        VmState target() {
            return switch (action) {
                case "start", "restart", "resume" -> VmState.RUNNING;
                case "shut-down", "turn-off" -> VmState.OFF;
                case "pause" -> VmState.PAUSED;
                case "save" -> VmState.SAVED;
                default -> null;
            };
        }
    }

    /** New processor count (VM off only) and memory settings; nothing changes when either is refused. */
    record Resize(String vmId, int vcpus, MemorySettings memory, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            int before = host.vmView(vmId).spec().vcpus();
            host.setProcessorCount(vmId, vcpus);
            try {
                if (!memory.equals(host.vmView(vmId).spec().memory())) {
                    host.setMemory(vmId, memory);
                }
            } catch (RuntimeException e) {
                host.setProcessorCount(vmId, before);
                throw e;
            }
        }
    }

    /** Set-VMMemory: a memory policy; Hyper-V's rules for running VMs apply (see {@link SimulatedHost#setMemory}). */
    record SetMemory(String vmId, MemorySettings memory, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            if (!memory.equals(host.vmView(vmId).spec().memory())) {
                host.setMemory(vmId, memory);
            }
        }
    }

    /** Simulation control: what the guest's workload does with memory from now on. */
    record SetWorkload(String vmId, Workload workload) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.setWorkload(vmId, workload);
        }
    }

    /** Set-VMVideo: the guest's synthetic video resolution. */
    record SetVideo(String vmId, int width, int height, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            host.setVideoResolution(vmId, width, height);
        }
    }

    /** A backup checkpoint; done when the engine reports it taken. */
    /** A backup under the command's id: the backup event and the next incremental one's basedOn name it. */
    record Backup(String vmId, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            host.backup(vmId, commandId);
        }
    }

    /**
     * Restores a VM in place: turned off wherever it is (a saved state is discarded), its disks replaced with
     * {@code disks}, started again. Done when it runs.
     */
    record RestoreInPlace(String vmId, List<DiskImage> disks, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            if (host.vmView(vmId).state() != VmState.OFF) {
                host.turnOff(vmId);
            }
            host.restoreDisks(vmId, disks);
            host.start(vmId);
        }
    }

    /** Copy-VMFile into the guest. */
    record CopyFile(String vmId, String path, long bytes, boolean overwrite, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            host.copyFile(vmId, path, bytes, overwrite);
        }
    }

    /** An item of the VM's external KVP pool. */
    record SetKvp(String vmId, String key, String value, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            host.setKvp(vmId, key, value);
        }
    }

    /**
     * Starts a live migration out of this host; done when the destination runs the VM.
     *
     * @param convergence the schedule the passes are judged by; null (a log written before schedules): Hyper-V's own
     * @param quick       a quick migration (save, hand the saved state over, restore there) instead of a live one
     */
    record Migrate(String vmId, String destination, double linkMbPerSec, LiveMigration.Convergence convergence,
                   boolean quick, String commandId) implements Answering {
        @Override
        public void applyTo(SimulatedHost host) {
            if (quick) {
                host.quickMigrateOut(vmId, destination);
            } else if (convergence == null) {
                host.migrateOut(vmId, destination, linkMbPerSec);
            } else {
                host.migrateOut(vmId, destination, linkMbPerSec, convergence);
            }
        }
    }

    /** The destination's first step: memory held for the VM before its source starts sending it. */
    record ReserveIncoming(String vmId, VmSpec spec, long memoryMb, String commandId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.reserveIncoming(vmId, spec, memoryMb);
        }
    }

    /** The migration ended otherwise: the destination lets go of what it held. */
    record ReleaseIncoming(String vmId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.releaseIncoming(vmId);
        }
    }

    /** The destination's half of a live migration: the VM as it left its source, into its reservation. */
    record AcceptIn(MigratedVm vm, String commandId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.acceptIn(vm);
        }
    }

    /** A destination on another agent holds the VM's state at the blackout; it runs it after the source commits. */
    record HoldForHandOff(MigratedVm vm) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.holdForHandOff(vm);
        }
    }

    /**
     * The destination runs the VM: the source lets go of it. {@code handOffWaitMs}: how long the frozen VM waited
     * for a destination on another agent (wall clock, logged so a replay reports the same downtime); null on one
     * agent.
     */
    record CompleteMigrationOut(String vmId, String commandId, Long handOffWaitMs) implements EngineCommand {
        /** A hand-off on one agent, done within the step that reached it. */
        public CompleteMigrationOut(String vmId, String commandId) {
            this(vmId, commandId, null);
        }

        @Override
        public void applyTo(SimulatedHost host) {
            host.completeMigrationOut(vmId, handOffWaitMs == null ? 0 : handOffWaitMs);
        }
    }

    /** Ends a live migration (cancelled, or its hand-off refused); the VM runs on at its source. */
    record AbortMigration(String vmId, String reason) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.abortMigration(vmId, reason);
        }
    }

    record Panic(String vmId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.panic(vmId);
        }
    }

    record StallHeartbeat(String vmId, boolean stalled) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.stallHeartbeat(vmId, stalled);
        }
    }

    record StopKvpDaemon(String vmId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.stopKvpDaemon(vmId);
        }
    }

    /**
     * A fault of the guest's backup side: its hv_vss_daemon stops or starts again, its file-system freeze hangs or
     * fails, or works normally again.
     */
    record BackupFault(String vmId, String fault) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            switch (fault) {
                case "vss-daemon-stop" -> host.stopVssDaemon(vmId, true);
                case "vss-daemon-start" -> host.stopVssDaemon(vmId, false);
                case "freeze-hang" -> host.hangFreeze(vmId, true);
                case "freeze-fail" -> host.failFreeze(vmId, true);
                case "freeze-normal" -> {
                    host.hangFreeze(vmId, false);
                    host.failFreeze(vmId, false);
                }
                default -> throw new CommandRejected("no backup fault " + fault);
            }
        }
    }

    /** The VM's next hot-add fails for good (the guest reports success with 0 pages). */
    record FailHotAdd(String vmId) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.failHotAdd(vmId);
        }
    }

    /**
     * What an administrator does on the host itself (Hyper-V Manager, PowerShell), behind the control plane's
     * back: {@code turn-off} or {@code delete} the VM. Only the host's reports tell the control plane.
     */
    record OutOfBand(String vmId, String action) implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            switch (action) {
                case "turn-off" -> host.turnOff(vmId);
                case "delete" -> new Power(vmId, "delete", null).applyTo(host);
                default -> throw new CommandRejected("out-of-band action is turn-off or delete, not " + action);
            }
        }
    }

    record PowerLoss() implements EngineCommand {
        @Override
        public void applyTo(SimulatedHost host) {
            host.powerLoss();
        }
    }
}
