package dev.hyperplane.events;

import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.agent.SetVmVideoOnHost;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.agent.RestoreVmOnHost;
import dev.hyperplane.events.webhook.WebhookCreated;
import dev.hyperplane.events.webhook.WebhookChanged;
import dev.hyperplane.events.webhook.WebhookDeleted;
import dev.hyperplane.events.webhook.WebhookSecretRotated;
import dev.hyperplane.events.webhook.WebhookDisabled;
import dev.hyperplane.events.backup.RestoreCompleted;
import dev.hyperplane.events.backup.RestoreFailed;
import dev.hyperplane.events.backup.RestoreRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.agent.CopyFileToVmOnHost;
import dev.hyperplane.events.agent.SetVmKvpOnHost;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.agent.HostFenceResult;
import dev.hyperplane.events.agent.EndIncomingMigration;
import dev.hyperplane.events.agent.HandOffMigration;
import dev.hyperplane.events.agent.IncomingMigrationAnswered;
import dev.hyperplane.events.agent.PrepareIncomingMigration;
import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.VmbusConnectedOnHost;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.GuestClockSynced;
import dev.hyperplane.events.agent.MemoryMovedOnHost;
import dev.hyperplane.events.agent.HotAddFailedOnHost;
import dev.hyperplane.events.agent.SmartPagingChangedOnHost;
import dev.hyperplane.events.agent.GuestPanickedOnHost;
import dev.hyperplane.events.agent.CrashDumpReported;
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.events.agent.MigrationPassCompletedOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.MigrationFailedOnHost;
import dev.hyperplane.events.agent.VideoModeChangedOnHost;
import dev.hyperplane.events.agent.FileCopiedOnHost;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.events.memory.VmMemoryPolicySet;
import dev.hyperplane.events.memory.TenantMemoryPlanSet;
import dev.hyperplane.events.memory.MemoryRebalanceRequested;
import dev.hyperplane.events.memory.MemoryAlertRaised;
import dev.hyperplane.events.memory.MemoryAlertCleared;
import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.migration.EvacuationEnded;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.events.migration.MigrationProgressed;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.backup.BackupCompleted;
import dev.hyperplane.events.backup.BackupFailed;
import dev.hyperplane.events.backup.BackupPolicyAssignmentsSet;
import dev.hyperplane.events.backup.BackupPolicyDeleted;
import dev.hyperplane.events.backup.BackupPolicySet;
import dev.hyperplane.events.backup.BackupRepositoryFull;
import dev.hyperplane.events.backup.BackupRequested;
import dev.hyperplane.events.backup.BackupStarted;
import dev.hyperplane.events.backup.RestorePointMerged;
import dev.hyperplane.events.backup.RestorePointProtected;
import dev.hyperplane.events.backup.RestorePointPruned;
import dev.hyperplane.events.capacity.HaReserveChanged;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.events.migration.HaIncidentOpened;
import dev.hyperplane.events.migration.HaHostFenced;
import dev.hyperplane.events.migration.HaAlertRaised;
import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaGuestResetWithheld;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.migration.HaVmRestartEnded;
import dev.hyperplane.events.migration.HaIncidentEnded;
import dev.hyperplane.events.migration.HaHostCleared;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of every contract message. */
final class Samples {
    static final Instant T = Instant.parse("2026-11-26T10:15:30.123Z");
    static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS", "ubuntu-20-04-lts-built-in");

    static final Map<Class<?>, PublicEvent> BY_CLASS = Map.ofEntries(
            Map.entry(MemoryAlertCleared.class, new MemoryAlertCleared("vm-starved/vm-1/1", "vm-starved", "host-01", "vm-1", "pressure back to 84 %", T)),
            Map.entry(MemoryAlertRaised.class, new MemoryAlertRaised("vm-starved/vm-1/1", "vm-starved", "host-01", "vm-1", "pressure 131 % for 75 s", T)),
            Map.entry(MemoryRebalanceRequested.class, new MemoryRebalanceRequested("host-01@1764000000000/vm-1", "vm-1", "host-01", "host-02", "host-01 at 112 % of its memory for 45 s", 112, 6144, T)),
            Map.entry(TenantMemoryPlanSet.class, new TenantMemoryPlanSet("acme", new MemoryPlan(true, 512, 16384, 20, 50), 1, "alice", T)),
            Map.entry(VmMemoryPolicySet.class, new VmMemoryPolicySet("vm-1", "acme", 2048, new MemoryPlan(true, 512, 8192, 20, 80), 1, "alice", T)),
            Map.entry(SetVmMemoryOnHost.class, new SetVmMemoryOnHost("cmd-9", "host-01", "vm-1", 2048, new MemoryPlan(true, 512, 8192, 20, 80))),
            Map.entry(VmSettingsChangedOnHost.class, new VmSettingsChangedOnHost("host-01", "vm-1", 4, 4096, new MemoryPlan(true, 1024, 8192, 20, 50), 2700, T)),
            Map.entry(FileCopiedOnHost.class, new FileCopiedOnHost("host-01", "vm-1", "/etc/motd", 2048, 1, 2600, T)),
            Map.entry(VideoModeChangedOnHost.class, new VideoModeChangedOnHost("host-01", "vm-1", 1920, 1080, "3.5", 2500, T)),
            Map.entry(MigrationFailedOnHost.class, new MigrationFailedOnHost("host-01", "vm-1", "host-02", "the migration network was cut", 2400, T)),
            Map.entry(VmMigratedOnHost.class, new VmMigratedOnHost("host-01", "vm-1", "host-02", 3, 180, 2300, T)),
            Map.entry(MigrationPassCompletedOnHost.class, new MigrationPassCompletedOnHost("host-01", "vm-1", "host-02", 1, 4096, 310, 2200, T, 11_200L, 300L)),
            Map.entry(BackupCompletedOnHost.class, new BackupCompletedOnHost("host-01", "vm-1", "vm-1-backup-2", "file-system",
                    "hv_vss_daemon froze and thawed the file systems", 2100, T, false, "vm-1-backup-1", 412L, 1000L,
                    3000L, List.of(new DiskContent(0, 130048, 4301, 5120)))),
            Map.entry(CrashDumpReported.class, new CrashDumpReported("host-01", "vm-1", true, 320, null, 2000, T)),
            Map.entry(GuestPanickedOnHost.class, new GuestPanickedOnHost("host-01", "vm-1", 1900, T)),
            Map.entry(SmartPagingChangedOnHost.class, new SmartPagingChangedOnHost("host-01", "vm-1", true, 512, 1800, T)),
            Map.entry(HotAddFailedOnHost.class, new HotAddFailedOnHost("host-01", "vm-1", true, "the guest reported success with 0 pages", 1700, T)),
            Map.entry(MemoryMovedOnHost.class, new MemoryMovedOnHost("host-01", "vm-1", "hot-add", 256, 256, 2304, 1600, T)),
            Map.entry(GuestClockSynced.class, new GuestClockSynced("host-01", "vm-1", -42, 1500, T)),
            Map.entry(IntegrationServicesNegotiated.class, new IntegrationServicesNegotiated("host-01", "vm-1", Map.of("HEARTBEAT", "3.0", "KVP", "4.0"), List.of("CORE", "KVP", "DM_BALLOON"), Map.of("DM_HOTADD", "DM_HOTADD is not supported by RHEL 6.4 (not-supported)"), 1400, T)),
            Map.entry(VmbusChannelsOpened.class, new VmbusChannelsOpened("host-01", "vm-1", List.of(new VmbusChannelsOpened.Channel("NETWORK", "6f8a0b2e-1c0d-4a43-9d65-0d1e6e9b1c11", 0, 0), new VmbusChannelsOpened.Channel("NETWORK", "6f8a0b2e-1c0d-4a43-9d65-0d1e6e9b1c11", 1, 1)), 1300, T)),
            Map.entry(VmbusConnectedOnHost.class, new VmbusConnectedOnHost("host-01", "vm-1", "4.0", 12, 1200, T)),
            Map.entry(VmMoveStarted.class, new VmMoveStarted("vm-1", "mig-1", "host-01", "host-02", "manual", T)),
            Map.entry(VmMoveRefused.class, new VmMoveRefused("vm-1", "mig-1", "no host can take it", T)),
            Map.entry(VmMoved.class, new VmMoved("vm-1", "mig-1", "host-01", "host-02", "manual", T)),
            Map.entry(VmMoveAbandoned.class, new VmMoveAbandoned("vm-1", "mig-1", "did not converge", T, "Running")),
            Map.entry(MigrationRequested.class, new MigrationRequested("mig-1", "vm-1", null, "minimal-downtime", "live",
                    "manual", "fleet-admin", T, "host-01", null)),
            Map.entry(EvacuationStarted.class, new EvacuationStarted("evac-1", "host-01", List.of("vm-1", "vm-2"),
                    List.of(new EvacuationStarted.UnmovableVm("vm-3", "VM vm-3 has migration mode none: it is never moved")),
                    "fleet-admin", T)),
            Map.entry(EvacuationEnded.class, new EvacuationEnded("evac-1", "host-01", "completed", 2, 1, false, T)),
            Map.entry(EvacuationReturnStarted.class, new EvacuationReturnStarted("evac-1", "host-01", "fleet-admin", T)),
            Map.entry(HaIncidentOpened.class, new HaIncidentOpened("ha-1", "host-01", "agent-1", "no report for 8 s while agent agent-1 sends heartbeats", T)),
            Map.entry(HaHostFenced.class, new HaHostFenced("ha-1", "host-01", "management-controller", T)),
            Map.entry(HaGuestResetRequested.class, new HaGuestResetRequested("2f6c3b0e-4b1d-3a51-9d0c-6c1b5c1e7a10", "vm-1", "host-01", "guest heartbeat lost for 62 s while the VM runs", T, 0, T)),
            Map.entry(HaGuestResetWithheld.class, new HaGuestResetWithheld("vm-1", "host-01", "guest heartbeat lost for 61 s, but the VM was reset 3 times within the hour", T, T)),
            Map.entry(HaAlertRaised.class, new HaAlertRaised("ha-1", "host-01", "fence-failed", "the management controller of host host-01 does not answer", T)),
            Map.entry(HaRestartRequested.class, new HaRestartRequested("ha-1", "ha-1/vm-1/1", "vm-1", "host-01", "high", 1, T)),
            Map.entry(HaVmRestartEnded.class, new HaVmRestartEnded("ha-1", "vm-1", true, "host-02", null, T)),
            Map.entry(HaIncidentEnded.class, new HaIncidentEnded("ha-1", "host-01", 19, 1, T)),
            Map.entry(HaHostCleared.class, new HaHostCleared("host-01", "fleet-admin", T)),
            Map.entry(BackupPolicySet.class, new BackupPolicySet("acme/nightly", "acme", "nightly", "0 2 * * *",
                    "Europe/Berlin", 240, "application", 3, 0, 7, 4, 6, 1, 1, "admin@acme", T)),
            Map.entry(BackupPolicyDeleted.class, new BackupPolicyDeleted("acme/nightly", "acme", "nightly",
                    "admin@acme", T)),
            Map.entry(BackupPolicyAssignmentsSet.class, new BackupPolicyAssignmentsSet("acme/nightly", "acme",
                    "nightly", List.of("vm-1"), true, false, 1, "admin@acme", T)),
            Map.entry(BackupRequested.class, new BackupRequested("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c", "vm-1", "acme",
                    "acme/nightly", "schedule", "application", T, T.plusSeconds(14400), "schedule", T)),
            Map.entry(BackupStarted.class, new BackupStarted("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c", "vm-1", "host-01",
                    T)),
            Map.entry(BackupCompleted.class, new BackupCompleted("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c", "vm-1", "acme",
                    "host-01", "file-system", "hv_vss_daemon froze and thawed the file systems", false,
                    "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", 412, 5120, 1000, 3000, T,
                    List.of(new DiskContent(0, 130048, 5120, 5120)))),
            Map.entry(RestorePointPruned.class, new RestorePointPruned("0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "vm-1",
                    "acme", "retention of policy acme/nightly", "5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c", T)),
            Map.entry(RestorePointMerged.class, new RestorePointMerged("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c", "vm-1",
                    "acme", "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", null, 4512, T)),
            Map.entry(RestorePointProtected.class, new RestorePointProtected("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c",
                    "vm-1", "acme", true, "admin@acme", T)),
            Map.entry(BackupRepositoryFull.class, new BackupRepositoryFull("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c",
                    "vm-1", "acme", 4100, 2048, 10485760, T)),
            Map.entry(WebhookCreated.class, new WebhookCreated("5d6e7f80-91a2-4b3c-8d4e-5f60718293a4", "acme", "https://hooks.acme.example/hyperplane",
                    List.of("dev.hyperplane.vm.*"), true, "admin@acme", T)),
            Map.entry(WebhookChanged.class, new WebhookChanged("5d6e7f80-91a2-4b3c-8d4e-5f60718293a4", null, "https://hooks.example.net/fleet",
                    List.of("dev.hyperplane.migration.*", "dev.hyperplane.host.registered.v1"), false, "ops@provider", T)),
            Map.entry(WebhookDeleted.class, new WebhookDeleted("5d6e7f80-91a2-4b3c-8d4e-5f60718293a4", "acme", "admin@acme", T)),
            Map.entry(WebhookSecretRotated.class, new WebhookSecretRotated("5d6e7f80-91a2-4b3c-8d4e-5f60718293a4", "acme", T.plusSeconds(86400), "admin@acme", T)),
            Map.entry(WebhookDisabled.class, new WebhookDisabled("5d6e7f80-91a2-4b3c-8d4e-5f60718293a4", "acme", "https://hooks.acme.example/hyperplane",
                    "the endpoint answered 410 Gone: it asked to receive nothing more", T)),
            Map.entry(RestoreRequested.class, new RestoreRequested("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                    "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "vm-1", "vm-2", "acme", "new-vm", "web-1-restored", 2, 4096,
                    UBUNTU, 2, false, new MemoryPlan(true, 1024, 8192, 20, 50),
                    List.of(new DiskContent(0, 131072, 20480, 5400)), "admin@acme", T)),
            Map.entry(RestoreCompleted.class, new RestoreCompleted("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                    "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "vm-2", "acme", "new-vm", T)),
            Map.entry(RestoreFailed.class, new RestoreFailed("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                    "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "vm-2", "acme", "in-place", "VM vm-2 is deleted", T)),
            Map.entry(VmRestoreStarted.class, new VmRestoreStarted("vm-1", "acme", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                    "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "host-01", "admin@acme", T)),
            Map.entry(VmRestored.class, new VmRestored("vm-1", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "host-01", T)),
            Map.entry(VmRestoreFailed.class, new VmRestoreFailed("vm-1", "acme", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                    "operation op-2 (stop) of VM vm-1 is still running", "Running", T)),
            Map.entry(RestoreVmOnHost.class, new RestoreVmOnHost("cmd-6", "host-01", "vm-1",
                    List.of(new DiskContent(0, 131072, 20480, 5400)))),
            Map.entry(BackupFailed.class, new BackupFailed("5f0c2d7e-8a41-4c9e-b1f2-3d4e5f6a7b8c", "vm-1",
                    "no answer from host host-01 within 3600 s", T)),
            Map.entry(HaHostQuarantined.class, new HaHostQuarantined("host-01", "0b5cc4a2-6f4e-3c8d-9a51-2f7d6f0e8c11",
                    3, "PT1H", T, T.plusSeconds(7200))),
            Map.entry(HaHostQuarantineEnded.class, new HaHostQuarantineEnded("host-01", "expired", T)),
            Map.entry(MigrationStarted.class, new MigrationStarted("mig-1", "vm-1", "host-01", null, "live", "manual", 1200, T)),
            Map.entry(MigrationProgressed.class, new MigrationProgressed("mig-1", "vm-1", "copying", 2, 610, 95, 1340, 150, T)),
            Map.entry(MigrationCompleted.class, new MigrationCompleted("mig-1", "vm-1", "host-01", "host-02", 3, 120, T)),
            Map.entry(MigrationEnded.class, new MigrationEnded("mig-1", "vm-1", "failed", "did not converge", T)),
            Map.entry(MigrateVmOnHost.class, new MigrateVmOnHost("cmd-8", "host-01", "vm-1", "host-02",
                    List.of(100L, 150L, 200L, 300L, 400L, 500L), 2, 0L, "live")),
            Map.entry(CancelMigrationOnHost.class, new CancelMigrationOnHost("cmd-9", "host-01", "vm-1",
                    "cancelled by fleet-admin")),
            Map.entry(PrepareIncomingMigration.class, new PrepareIncomingMigration("cmd-8/prepare", "agent-2-host-01",
                    "vm-1", "cmd-8", "agent-1-host-01", 4096, "{\"name\":\"web-1\"}")),
            Map.entry(HandOffMigration.class, new HandOffMigration("cmd-8/hand-off", "agent-2-host-01", "vm-1", "cmd-8",
                    "agent-1-host-01", "{\"vmId\":\"vm-1\",\"assignedMb\":4096}")),
            Map.entry(EndIncomingMigration.class, new EndIncomingMigration("cmd-8/commit", "agent-2-host-01", "vm-1",
                    "cmd-8", "agent-1-host-01", "commit", null)),
            Map.entry(IncomingMigrationAnswered.class, new IncomingMigrationAnswered("cmd-8/prepare/answer",
                    "agent-1-host-01", "vm-1", "cmd-8", "agent-2-host-01", "prepare", true, null)),
            Map.entry(AgentHeartbeat.class, new AgentHeartbeat("agent-1", List.of("agent-1-host-01", "agent-1-host-02"), T)),
            Map.entry(FenceHost.class, new FenceHost("fence-1", "agent-1-host-01", "silent for 10 s while its agent is alive")),
            Map.entry(HostFenceResult.class, new HostFenceResult("fence-1", "agent-1-host-01", true, null, T)),
            Map.entry(SimulationControlOnHost.class, new SimulationControlOnHost("control-1", "agent-2-host-01", "vm-1",
                    "workload", "memory-hog", 16384L, null, null)),
            Map.entry(SetVmKvpOnHost.class, new SetVmKvpOnHost("cmd-7", "host-01", "vm-1", "HostingPlan", "premium")),
            Map.entry(CopyFileToVmOnHost.class, new CopyFileToVmOnHost("cmd-6", "host-01", "vm-1", "/etc/motd", 2048, false)),
            Map.entry(BackupVmOnHost.class, new BackupVmOnHost("cmd-5", "host-01", "vm-1")),
            Map.entry(SetVmVideoOnHost.class, new SetVmVideoOnHost("cmd-4", "host-01", "vm-1", 1920, 1080)),
            Map.entry(HostRegistered.class, new HostRegistered("host-01", "hv-ams-01", "agent-1", "2012 R2", 32, 262144, 4096, T)),
            Map.entry(HostHealthChanged.class, new HostHealthChanged("host-01", "Unreachable", "no report for 15 s", T)),
            Map.entry(HostMaintenanceChanged.class, new HostMaintenanceChanged("host-01", true, "firmware update", T)),
            Map.entry(VmRequested.class, new VmRequested("vm-1", "acme", "web-1", 2, 4096, UBUNTU, 1, false, MemoryPlan.fixed(4096), "op-1", null, "admin@acme", T, "live", "medium")),
            Map.entry(VmMigrationModeChanged.class, new VmMigrationModeChanged("vm-1", "quick", "admin@acme", T)),
            Map.entry(VmHaPriorityChanged.class, new VmHaPriorityChanged("vm-1", "high", "admin@acme", T)),
            Map.entry(VmOperationRequested.class, new VmOperationRequested("vm-1", "acme", "op-2", "stop", false, "user@acme", T)),
            Map.entry(VmResizeRequested.class, new VmResizeRequested("vm-1", "acme", "op-3", 4, 8192, new MemoryPlan(true, 2048, 16384, 20, 50), "admin@acme", T)),
            Map.entry(VmResized.class, new VmResized("vm-1", 4, 8192, new MemoryPlan(true, 2048, 16384, 20, 50), T)),
            Map.entry(VmOperationCompleted.class, new VmOperationCompleted("vm-1", "op-2", "stop", "Stopped", T)),
            Map.entry(VmOperationFailed.class, new VmOperationFailed("vm-1", "op-2", "stop", "the shutdown integration service is not running", "Running", T)),
            Map.entry(ChangeVmPowerOnHost.class, new ChangeVmPowerOnHost("cmd-2", "host-01", "vm-1", "shut-down")),
            Map.entry(ResizeVmOnHost.class, new ResizeVmOnHost("cmd-3", "host-01", "vm-1", 4, 8192, MemoryPlan.fixed(8192))),
            Map.entry(AgentCommandCompleted.class, new AgentCommandCompleted("cmd-2", "host-01", "vm-1", T)),
            Map.entry(HaReserveChanged.class, new HaReserveChanged(1, 0, false, 6144, 4096, "the fleet can restart the VMs of 0 failed hosts, not 1: host host-01 holds 6144 MB of VMs HA restarts, and the 1 other available host has 4096 MB free", T)),
            Map.entry(VmPlaced.class, new VmPlaced("vm-1", "host-01", T)),
            Map.entry(VmStarted.class, new VmStarted("vm-1", "host-01", T)),
            Map.entry(VmFailed.class, new VmFailed("vm-1", "no host has 4096 MB free", T)),
            Map.entry(VmReconciled.class, new VmReconciled("vm-1", "lost", "host-01", "Lost",
                    "host host-01 reports no VM vm-1 while it was Running", T)),
            Map.entry(HostInventoryReported.class, new HostInventoryReported("host-01",
                    List.of(new HostInventoryReported.VmOnHost("vm-1", "Running"),
                            new HostInventoryReported.VmOnHost("vm-2", "Off")), 60_000, T)),
            Map.entry(CreateVmOnHost.class, new CreateVmOnHost("cmd-1", "host-01", "vm-1", "web-1", 2, 4096, UBUNTU, 2, true,
                    new MemoryPlan(true, 1024, 8192, 20, 50))),
            Map.entry(HostAnnounced.class, new HostAnnounced("host-01", "hv-ams-01", "agent-1", "2012 R2", 32, 262144, 4096, T)),
            Map.entry(VmStartedOnHost.class, new VmStartedOnHost("cmd-1", "host-01", "vm-1", T)),
            Map.entry(AgentCommandRejected.class, new AgentCommandRejected("cmd-1", "host-01", "vm-1", "not enough memory")),
            Map.entry(VmStateChangedOnHost.class, new VmStateChangedOnHost("host-01", "vm-1", "Starting", "Running", "booted", 1000, T)),
            Map.entry(GuestInfoReported.class, new GuestInfoReported("host-01", "vm-1", "web-1.example", "10.0.0.5", "fd00::5",
                    "Ubuntu", "20.04 LTS", "Built-in", "x86_64", T)),
            Map.entry(GuestHeartbeatChanged.class, new GuestHeartbeatChanged("host-01", "vm-1", "Ok", T)),
            Map.entry(HostTelemetry.class, new HostTelemetry("host-01", 60_000, 120_000,
                    List.of(new HostTelemetry.VmSample("vm-1", "Running", 2048, 1500, 73, "Ok")), T)));

    private Samples() {
    }
}
