package dev.hyperplane.agent.domain;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CopyFileToVmOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.RestoreVmOnHost;
import dev.hyperplane.events.agent.SetVmKvpOnHost;
import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.events.agent.SetVmVideoOnHost;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.DiskImage;
import dev.hyperplane.hyperv.LiveMigration;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.Workload;

import java.util.List;

/**
 * Agent commands of the public contract as engine commands: the guest OS mapped to a column of the support
 * tables, memory plans to Set-VMMemory settings, a migration over this agent's migration link. Pure: what goes in
 * decides what comes out, so a replay translates the same way.
 */
public final class ContractTranslation {
    private static final List<Workload> WORKLOADS = List.of(Workload.IDLE, Workload.WEB, Workload.DATABASE,
            Workload.BATCH);

    private final LisMatrix matrix;
    private final double migrationLinkMbPerSecond;

    public ContractTranslation(LisMatrix matrix, double migrationLinkMbPerSecond) {
        this.matrix = matrix;
        this.migrationLinkMbPerSecond = migrationLinkMbPerSecond;
    }

    public EngineCommand toEngine(AgentCommand command) {
        if (command instanceof CreateVmOnHost create) {
            return new EngineCommand.CreateVm(create.vmId(), specOf(create), create.commandId(),
                    create.disks() == null ? null : images(create.disks()));
        }
        if (command instanceof ChangeVmPowerOnHost power) {
            return new EngineCommand.Power(power.vmId(), power.action(), power.commandId());
        }
        if (command instanceof ResizeVmOnHost resize) {
            return new EngineCommand.Resize(resize.vmId(), resize.vcpus(),
                    memorySettings(resize.memoryMb(), resize.memory()), resize.commandId());
        }
        if (command instanceof SetVmMemoryOnHost memory) {
            return new EngineCommand.SetMemory(memory.vmId(), memorySettings(memory.startupMb(), memory.memory()),
                    memory.commandId());
        }
        if (command instanceof SetVmVideoOnHost video) {
            return new EngineCommand.SetVideo(video.vmId(), video.width(), video.height(), video.commandId());
        }
        if (command instanceof RestoreVmOnHost restore) {
            return new EngineCommand.RestoreInPlace(restore.vmId(), images(restore.disks()), restore.commandId());
        }
        if (command instanceof BackupVmOnHost backup) {
            return new EngineCommand.Backup(backup.vmId(), backup.commandId());
        }
        if (command instanceof CopyFileToVmOnHost copy) {
            return new EngineCommand.CopyFile(copy.vmId(), copy.path(), copy.bytes(), copy.overwrite(),
                    copy.commandId());
        }
        if (command instanceof SetVmKvpOnHost kvp) {
            return new EngineCommand.SetKvp(kvp.vmId(), kvp.key(), kvp.value(), kvp.commandId());
        }
        if (command instanceof MigrateVmOnHost migrate) {
            return new EngineCommand.Migrate(migrate.vmId(), migrate.destinationHostId(), migrationLinkMbPerSecond,
                    convergence(migrate), "quick".equals(migrate.mode()), migrate.commandId());
        }
        if (command instanceof CancelMigrationOnHost cancel) {
            return new EngineCommand.AbortMigration(cancel.vmId(), cancel.reason());
        }
        throw new CommandRejected("this agent does not know command " + command.getClass().getSimpleName());
    }

    /** One disk and one NIC; the workload is chosen from the VM id, so replays agree. */
    private static List<DiskImage> images(List<DiskContent> disks) {
        return disks.stream().map(d -> new DiskImage(d.index(), d.sizeMb(), d.allocatedMb(), d.generation())).toList();
    }

    private VmSpec specOf(CreateVmOnHost command) {
        var guest = GuestCatalog.guest(command.guestOs(), matrix);
        var workload = WORKLOADS.get(Math.floorMod(command.vmId().hashCode(), WORKLOADS.size()));
        return new VmSpec(command.name(), command.generation(), command.secureBoot(), command.vcpus(),
                memorySettings(command.memoryMb(), command.memory()), 1, 1, guest, workload);
    }

    /** The command's convergence schedule; none given: null, Hyper-V's own for the source's version. */
    private static LiveMigration.Convergence convergence(MigrateVmOnHost migrate) {
        if (migrate.allowedDowntimeMs() == null) {
            return null;
        }
        return new LiveMigration.Convergence(migrate.allowedDowntimeMs(),
                migrate.stallWindow() == null ? 0 : migrate.stallWindow(),
                migrate.finalStopAndCopyMs() == null ? 0 : migrate.finalStopAndCopyMs());
    }

    private static MemorySettings memorySettings(long startupMb, MemoryPlan plan) {
        return plan.enabled()
                ? MemorySettings.dynamic(startupMb, plan.minimumMb(), plan.maximumMb(), plan.bufferPercent(),
                plan.priority())
                : MemorySettings.fixed(startupMb);
    }
}
