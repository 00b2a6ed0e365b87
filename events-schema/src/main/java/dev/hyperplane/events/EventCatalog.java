package dev.hyperplane.events;

import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.agent.SetVmVideoOnHost;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.agent.RestoreVmOnHost;
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
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.migration.EvacuationEnded;
import dev.hyperplane.events.migration.HaIncidentOpened;
import dev.hyperplane.events.migration.HaHostFenced;
import dev.hyperplane.events.migration.HaAlertRaised;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.migration.HaVmRestartEnded;
import dev.hyperplane.events.migration.HaIncidentEnded;
import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaGuestResetWithheld;
import dev.hyperplane.events.migration.HaHostCleared;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;
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
import dev.hyperplane.events.backup.RestoreCompleted;
import dev.hyperplane.events.backup.RestoreFailed;
import dev.hyperplane.events.backup.RestoreRequested;
import dev.hyperplane.events.capacity.HaReserveChanged;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmResized;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.events.webhook.WebhookCreated;
import dev.hyperplane.events.webhook.WebhookChanged;
import dev.hyperplane.events.webhook.WebhookDeleted;
import dev.hyperplane.events.webhook.WebhookSecretRotated;
import dev.hyperplane.events.webhook.WebhookDisabled;

import java.util.List;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every message of the public contract, in one place. The AsyncAPI document and the schemas must agree. */
public final class EventCatalog {

    public static final List<MessageType> ALL = List.of(
            new MessageType(HostRegistered.class, "dev.hyperplane.host.registered.v1", Topics.HOST_EVENTS),
            new MessageType(HostHealthChanged.class, "dev.hyperplane.host.health-changed.v1", Topics.HOST_EVENTS),
            new MessageType(HostMaintenanceChanged.class, "dev.hyperplane.host.maintenance-changed.v1",
                    Topics.HOST_EVENTS),

            new MessageType(VmRequested.class, "dev.hyperplane.vm.requested.v1", Topics.VM_EVENTS),
            new MessageType(VmPlaced.class, "dev.hyperplane.vm.placed.v1", Topics.VM_EVENTS),
            new MessageType(VmStarted.class, "dev.hyperplane.vm.started.v1", Topics.VM_EVENTS),
            new MessageType(VmFailed.class, "dev.hyperplane.vm.failed.v1", Topics.VM_EVENTS),
            new MessageType(VmOperationRequested.class, "dev.hyperplane.vm.operation-requested.v1", Topics.VM_EVENTS),
            new MessageType(VmResizeRequested.class, "dev.hyperplane.vm.resize-requested.v1", Topics.VM_EVENTS),
            new MessageType(VmResized.class, "dev.hyperplane.vm.resized.v1", Topics.VM_EVENTS),
            new MessageType(VmOperationCompleted.class, "dev.hyperplane.vm.operation-completed.v1", Topics.VM_EVENTS),
            new MessageType(VmOperationFailed.class, "dev.hyperplane.vm.operation-failed.v1", Topics.VM_EVENTS),
            new MessageType(VmReconciled.class, "dev.hyperplane.vm.reconciled.v1", Topics.VM_EVENTS),

            new MessageType(CreateVmOnHost.class, "dev.hyperplane.agent.command.create-vm.v1", Topics.AGENT_COMMANDS),
            new MessageType(ChangeVmPowerOnHost.class, "dev.hyperplane.agent.command.change-vm-power.v1",
                    Topics.AGENT_COMMANDS),
            new MessageType(ResizeVmOnHost.class, "dev.hyperplane.agent.command.resize-vm.v1", Topics.AGENT_COMMANDS),

            new MessageType(SetVmVideoOnHost.class, "dev.hyperplane.agent.command.set-video.v1", Topics.AGENT_COMMANDS),
            new MessageType(BackupVmOnHost.class, "dev.hyperplane.agent.command.backup-vm.v1", Topics.AGENT_COMMANDS),
            new MessageType(RestoreVmOnHost.class, "dev.hyperplane.agent.command.restore-vm.v1", Topics.AGENT_COMMANDS),
            new MessageType(CopyFileToVmOnHost.class, "dev.hyperplane.agent.command.copy-file.v1",
                    Topics.AGENT_COMMANDS),
            new MessageType(SetVmKvpOnHost.class, "dev.hyperplane.agent.command.set-kvp.v1", Topics.AGENT_COMMANDS),
            new MessageType(MigrateVmOnHost.class, "dev.hyperplane.agent.command.migrate-vm.v1", Topics.AGENT_COMMANDS),
            new MessageType(CancelMigrationOnHost.class, "dev.hyperplane.agent.command.cancel-migration.v1",
                    Topics.AGENT_COMMANDS),
            new MessageType(PrepareIncomingMigration.class,
                    "dev.hyperplane.agent.command.prepare-incoming-migration.v1", Topics.AGENT_COMMANDS),
            new MessageType(HandOffMigration.class, "dev.hyperplane.agent.command.hand-off-migration.v1",
                    Topics.AGENT_COMMANDS),
            new MessageType(EndIncomingMigration.class, "dev.hyperplane.agent.command.end-incoming-migration.v1",
                    Topics.AGENT_COMMANDS),
            new MessageType(IncomingMigrationAnswered.class,
                    "dev.hyperplane.agent.command.incoming-migration-answered.v1", Topics.AGENT_COMMANDS),
            new MessageType(SimulationControlOnHost.class, "dev.hyperplane.agent.command.simulation-control.v1",
                    Topics.AGENT_COMMANDS),
            new MessageType(FenceHost.class, "dev.hyperplane.agent.command.fence-host.v1", Topics.AGENT_COMMANDS),
            new MessageType(HostFenceResult.class, "dev.hyperplane.agent.host-fence-result.v1", Topics.AGENT_EVENTS),
            new MessageType(AgentHeartbeat.class, "dev.hyperplane.agent.heartbeat.v1", Topics.AGENT_HEARTBEATS),

            new MessageType(SetVmMemoryOnHost.class, "dev.hyperplane.agent.command.set-vm-memory.v1", Topics.AGENT_COMMANDS),
            new MessageType(HostAnnounced.class, "dev.hyperplane.agent.host-announced.v1", Topics.AGENT_EVENTS),
            new MessageType(VmStartedOnHost.class, "dev.hyperplane.agent.vm-started.v1", Topics.AGENT_EVENTS),
            new MessageType(AgentCommandRejected.class, "dev.hyperplane.agent.command-rejected.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(AgentCommandCompleted.class, "dev.hyperplane.agent.command-completed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(VmStateChangedOnHost.class, "dev.hyperplane.agent.vm-state-changed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(GuestInfoReported.class, "dev.hyperplane.agent.guest-info-reported.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(GuestHeartbeatChanged.class, "dev.hyperplane.agent.guest-heartbeat-changed.v1",
                    Topics.AGENT_EVENTS),

            new MessageType(VmbusConnectedOnHost.class, "dev.hyperplane.agent.vmbus-connected.v1", Topics.AGENT_EVENTS),
            new MessageType(VmbusChannelsOpened.class, "dev.hyperplane.agent.vmbus-channels-opened.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(IntegrationServicesNegotiated.class, "dev.hyperplane.agent.integration-services-negotiated.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(GuestClockSynced.class, "dev.hyperplane.agent.guest-clock-synced.v1", Topics.AGENT_EVENTS),
            new MessageType(MemoryMovedOnHost.class, "dev.hyperplane.agent.memory-moved.v1", Topics.AGENT_EVENTS),
            new MessageType(HotAddFailedOnHost.class, "dev.hyperplane.agent.hot-add-failed.v1", Topics.AGENT_EVENTS),
            new MessageType(SmartPagingChangedOnHost.class, "dev.hyperplane.agent.smart-paging-changed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(GuestPanickedOnHost.class, "dev.hyperplane.agent.guest-panicked.v1", Topics.AGENT_EVENTS),
            new MessageType(CrashDumpReported.class, "dev.hyperplane.agent.crash-dump-reported.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(BackupCompletedOnHost.class, "dev.hyperplane.agent.backup-completed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(MigrationPassCompletedOnHost.class, "dev.hyperplane.agent.migration-pass-completed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(VmMigratedOnHost.class, "dev.hyperplane.agent.vm-migrated.v1", Topics.AGENT_EVENTS),
            new MessageType(MigrationFailedOnHost.class, "dev.hyperplane.agent.migration-failed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(VideoModeChangedOnHost.class, "dev.hyperplane.agent.video-mode-changed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(FileCopiedOnHost.class, "dev.hyperplane.agent.file-copied.v1", Topics.AGENT_EVENTS),
            new MessageType(VmSettingsChangedOnHost.class, "dev.hyperplane.agent.vm-settings-changed.v1",
                    Topics.AGENT_EVENTS),
            new MessageType(HostInventoryReported.class, "dev.hyperplane.agent.host-inventory-reported.v1",
                    Topics.AGENT_EVENTS),

            new MessageType(VmMemoryPolicySet.class, "dev.hyperplane.memory.vm-policy-set.v1", Topics.MEMORY_EVENTS),
            new MessageType(TenantMemoryPlanSet.class, "dev.hyperplane.memory.tenant-plan-set.v1", Topics.MEMORY_EVENTS),
            new MessageType(MemoryRebalanceRequested.class, "dev.hyperplane.memory.rebalance-requested.v1", Topics.MEMORY_EVENTS),
            new MessageType(MemoryAlertRaised.class, "dev.hyperplane.memory.alert-raised.v1", Topics.MEMORY_EVENTS),
            new MessageType(MemoryAlertCleared.class, "dev.hyperplane.memory.alert-cleared.v1", Topics.MEMORY_EVENTS),
            new MessageType(HostTelemetry.class, "dev.hyperplane.agent.host-telemetry.v1", Topics.AGENT_TELEMETRY),

            new MessageType(VmMoveStarted.class, "dev.hyperplane.vm.move-started.v1", Topics.VM_EVENTS),
            new MessageType(VmMoveRefused.class, "dev.hyperplane.vm.move-refused.v1", Topics.VM_EVENTS),
            new MessageType(VmMoved.class, "dev.hyperplane.vm.moved.v1", Topics.VM_EVENTS),
            new MessageType(VmMoveAbandoned.class, "dev.hyperplane.vm.move-abandoned.v1", Topics.VM_EVENTS),
            new MessageType(VmMigrationModeChanged.class, "dev.hyperplane.vm.migration-mode-changed.v1",
                    Topics.VM_EVENTS),
            new MessageType(VmHaPriorityChanged.class, "dev.hyperplane.vm.ha-priority-changed.v1", Topics.VM_EVENTS),
            new MessageType(VmRestoreStarted.class, "dev.hyperplane.vm.restore-started.v1", Topics.VM_EVENTS),
            new MessageType(VmRestored.class, "dev.hyperplane.vm.restored.v1", Topics.VM_EVENTS),
            new MessageType(VmRestoreFailed.class, "dev.hyperplane.vm.restore-failed.v1", Topics.VM_EVENTS),
            new MessageType(HaReserveChanged.class, "dev.hyperplane.capacity.ha-reserve-changed.v1",
                    Topics.CAPACITY_EVENTS),
            new MessageType(MigrationRequested.class, "dev.hyperplane.migration.requested.v1", Topics.MIGRATION_EVENTS),
            new MessageType(MigrationStarted.class, "dev.hyperplane.migration.started.v1", Topics.MIGRATION_EVENTS),
            new MessageType(MigrationProgressed.class, "dev.hyperplane.migration.progressed.v1", Topics.MIGRATION_EVENTS),
            new MessageType(MigrationCompleted.class, "dev.hyperplane.migration.completed.v1", Topics.MIGRATION_EVENTS),
            new MessageType(MigrationEnded.class, "dev.hyperplane.migration.ended.v1", Topics.MIGRATION_EVENTS),
            new MessageType(EvacuationStarted.class, "dev.hyperplane.migration.evacuation-started.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(EvacuationEnded.class, "dev.hyperplane.migration.evacuation-ended.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(EvacuationReturnStarted.class, "dev.hyperplane.migration.evacuation-return-started.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaIncidentOpened.class, "dev.hyperplane.migration.ha-incident-opened.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaHostFenced.class, "dev.hyperplane.migration.ha-host-fenced.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaAlertRaised.class, "dev.hyperplane.migration.ha-alert-raised.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaRestartRequested.class, "dev.hyperplane.migration.ha-restart-requested.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaVmRestartEnded.class, "dev.hyperplane.migration.ha-vm-restart-ended.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaIncidentEnded.class, "dev.hyperplane.migration.ha-incident-ended.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaHostCleared.class, "dev.hyperplane.migration.ha-host-cleared.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaHostQuarantined.class, "dev.hyperplane.migration.ha-host-quarantined.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaHostQuarantineEnded.class, "dev.hyperplane.migration.ha-host-quarantine-ended.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaGuestResetRequested.class, "dev.hyperplane.migration.ha-guest-reset-requested.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(HaGuestResetWithheld.class, "dev.hyperplane.migration.ha-guest-reset-withheld.v1",
                    Topics.MIGRATION_EVENTS),
            new MessageType(WebhookCreated.class, "dev.hyperplane.webhook.created.v1", Topics.INTEGRATION_EVENTS),
            new MessageType(WebhookChanged.class, "dev.hyperplane.webhook.changed.v1", Topics.INTEGRATION_EVENTS),
            new MessageType(WebhookDeleted.class, "dev.hyperplane.webhook.deleted.v1", Topics.INTEGRATION_EVENTS),
            new MessageType(WebhookSecretRotated.class, "dev.hyperplane.webhook.secret-rotated.v1", Topics.INTEGRATION_EVENTS),
            new MessageType(WebhookDisabled.class, "dev.hyperplane.webhook.disabled.v1", Topics.INTEGRATION_EVENTS),
            new MessageType(BackupPolicySet.class, "dev.hyperplane.backup.policy-set.v1", Topics.BACKUP_EVENTS),
            new MessageType(BackupPolicyDeleted.class, "dev.hyperplane.backup.policy-deleted.v1", Topics.BACKUP_EVENTS),
            new MessageType(BackupPolicyAssignmentsSet.class, "dev.hyperplane.backup.policy-assignments-set.v1",
                    Topics.BACKUP_EVENTS),
            new MessageType(BackupRequested.class, "dev.hyperplane.backup.requested.v1", Topics.BACKUP_EVENTS),
            new MessageType(BackupStarted.class, "dev.hyperplane.backup.started.v1", Topics.BACKUP_EVENTS),
            new MessageType(BackupCompleted.class, "dev.hyperplane.backup.completed.v1", Topics.BACKUP_EVENTS),
            new MessageType(BackupFailed.class, "dev.hyperplane.backup.failed.v1", Topics.BACKUP_EVENTS),
            new MessageType(BackupRepositoryFull.class, "dev.hyperplane.backup.repository-full.v1",
                    Topics.BACKUP_EVENTS),
            new MessageType(RestorePointPruned.class, "dev.hyperplane.backup.restore-point-pruned.v1",
                    Topics.BACKUP_EVENTS),
            new MessageType(RestorePointMerged.class, "dev.hyperplane.backup.restore-point-merged.v1",
                    Topics.BACKUP_EVENTS),
            new MessageType(RestorePointProtected.class, "dev.hyperplane.backup.restore-point-protected.v1",
                    Topics.BACKUP_EVENTS),
            new MessageType(RestoreRequested.class, "dev.hyperplane.backup.restore-requested.v1", Topics.BACKUP_EVENTS),
            new MessageType(RestoreCompleted.class, "dev.hyperplane.backup.restore-completed.v1", Topics.BACKUP_EVENTS),
            new MessageType(RestoreFailed.class, "dev.hyperplane.backup.restore-failed.v1", Topics.BACKUP_EVENTS));

    private static final Map<Class<?>, MessageType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::recordClass, Function.identity()));
    private static final Map<Class<?>, Method> KEY_ACCESSORS = new ConcurrentHashMap<>();
    private static final Map<String, MessageType> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::ceType, Function.identity()));

    public static Optional<MessageType> forClass(Class<?> recordClass) {
        return Optional.ofNullable(BY_CLASS.get(recordClass));
    }

    /**
     * The Kafka key of a message: the value of its topic's key field ({@link Topics#keyField}). A message on a
     * topic without one must name its key itself.
     */
    static String partitionKeyOf(PublicEvent event) {
        Method accessor = KEY_ACCESSORS.computeIfAbsent(event.getClass(), EventCatalog::keyAccessor);
        try {
            return (String) accessor.invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the key of " + event, e);
        }
    }

    private static Method keyAccessor(Class<?> recordClass) {
        MessageType type = forClass(recordClass).orElseThrow(() ->
                new IllegalArgumentException(recordClass.getName() + " is not in the catalog"));
        String field = Topics.keyField(type.topic()).orElseThrow(() -> new IllegalStateException(
                type.ceType() + " travels on " + type.topic() + ", which has no key field: override partitionKey()"));
        return Arrays.stream(recordClass.getRecordComponents()).filter(c -> c.getName().equals(field)).findFirst()
                .map(RecordComponent::getAccessor).orElseThrow(() -> new IllegalStateException(
                        type.ceType() + " has no " + field + ", the key of " + type.topic()));
    }

    public static Optional<MessageType> forType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }

    private EventCatalog() {
    }
}
