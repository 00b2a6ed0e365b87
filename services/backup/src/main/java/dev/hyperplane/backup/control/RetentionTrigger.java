package dev.hyperplane.backup.control;

import dev.hyperplane.backup.command.RecordRestorePoint;
import dev.hyperplane.backup.domain.Retention;
import dev.hyperplane.backup.query.BackupPolicies;
import dev.hyperplane.backup.query.BackupPolicyView;
import dev.hyperplane.backup.query.BackupView;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.events.backup.BackupCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Each completed backup's restore point joins its VM's chain, in the backup's own transaction, with the retention
 * of the policy that governs the VM now: the chain is pruned as the new point arrives, so retention needs no loop
 * of its own and never runs behind.
 */
@ApplicationScoped
@ProcessingGroup(RetentionTrigger.PROCESSING_GROUP)
public class RetentionTrigger {
    public static final String PROCESSING_GROUP = "retention-trigger";

    @Inject
    CommandGateway commands;
    @Inject
    BackupPolicies policies;
    @Inject
    Backups backups;

    @EventHandler
    void on(BackupCompleted e) {
        Optional<BackupPolicyView> policy = policies.governing(e.vmId(), e.tenantId());
        Instant takenAt = backups.find(e.backupId()).map(BackupView::startedAt).orElse(e.completedAt());
        commands.sendAndWait(new RecordRestorePoint(e.vmId(), e.tenantId(), e.backupId(), takenAt, e.basedOn(),
                e.sizeMb(), e.allocatedMb(), policy.map(RetentionTrigger::retention).orElse(null),
                policy.map(BackupPolicyView::policyId).orElse(null)));
    }

    static Retention retention(BackupPolicyView policy) {
        BackupPolicyView.Retention r = policy.retention();
        return new Retention(r.keepLast(), r.keepHourly(), r.keepDaily(), r.keepWeekly(), r.keepMonthly(),
                r.keepYearly(), ZoneId.of(policy.timeZone()));
    }
}
