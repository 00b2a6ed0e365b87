package dev.hyperplane.backup.command;

import dev.hyperplane.events.backup.BackupPolicyAssignmentsSet;
import dev.hyperplane.events.backup.BackupPolicyDeleted;
import dev.hyperplane.events.backup.BackupPolicySet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A backup policy (event-sourced, versioned): its schedule, window, consistency and retention, and which VMs it
 * governs. Setting what it has already changes nothing; a deleted policy may be created again under its name.
 */
public class BackupPolicy {

    @AggregateIdentifier
    private String policyId;
    private String tenantId;
    private String name;
    private long version;
    private long assignmentsVersion;
    private boolean deleted;
    private SetBackupPolicy settings;
    private SetPolicyAssignments assignments;

    protected BackupPolicy() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetBackupPolicy command, Clock clock) {
        if (policyId != null && !deleted && sameSettings(command)) {
            return;
        }
        apply(new BackupPolicySet(command.policyId(), command.tenantId(), command.name(), command.schedule(),
                command.timeZone(), command.windowMinutes(), command.consistency(), command.keepLast(),
                command.keepHourly(), command.keepDaily(), command.keepWeekly(), command.keepMonthly(),
                command.keepYearly(), version + 1, command.setBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(DeleteBackupPolicy command, Clock clock) {
        if (deleted) {
            throw new PolicyNotFound(policyId);
        }
        apply(new BackupPolicyDeleted(policyId, tenantId, name, command.deletedBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(SetPolicyAssignments command, Clock clock) {
        if (deleted) {
            throw new PolicyNotFound(policyId);
        }
        List<String> vmIds = command.vmIds().stream().distinct().sorted().toList();
        if (assignments != null && assignments.vmIds().equals(vmIds)
                && assignments.tenantDefault() == command.tenantDefault()
                && assignments.fleetDefault() == command.fleetDefault()) {
            return;
        }
        apply(new BackupPolicyAssignmentsSet(policyId, tenantId, name, vmIds, command.tenantDefault(),
                command.fleetDefault(), assignmentsVersion + 1, command.setBy(), clock.instant()));
    }

    private boolean sameSettings(SetBackupPolicy command) {
        return settings != null && settings.equals(new SetBackupPolicy(command.policyId(), command.tenantId(),
                command.name(), command.schedule(), command.timeZone(), command.windowMinutes(),
                command.consistency(), command.keepLast(), command.keepHourly(), command.keepDaily(),
                command.keepWeekly(), command.keepMonthly(), command.keepYearly(), settings.setBy()));
    }

    @EventSourcingHandler
    void on(BackupPolicySet e) {
        policyId = e.policyId();
        tenantId = e.tenantId();
        name = e.name();
        version = e.version();
        deleted = false;
        settings = new SetBackupPolicy(e.policyId(), e.tenantId(), e.name(), e.schedule(), e.timeZone(),
                e.windowMinutes(), e.consistency(), e.keepLast(), e.keepHourly(), e.keepDaily(), e.keepWeekly(),
                e.keepMonthly(), e.keepYearly(), e.setBy());
    }

    @EventSourcingHandler
    void on(BackupPolicyDeleted e) {
        deleted = true;
        assignments = null;
    }

    @EventSourcingHandler
    void on(BackupPolicyAssignmentsSet e) {
        assignmentsVersion = e.version();
        assignments = new SetPolicyAssignments(e.policyId(), e.vmIds(), e.tenantDefault(), e.fleetDefault(),
                e.setBy());
    }
}
