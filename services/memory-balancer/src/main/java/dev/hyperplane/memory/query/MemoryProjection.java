package dev.hyperplane.memory.query;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.memory.MemoryAlertCleared;
import dev.hyperplane.events.memory.MemoryAlertRaised;
import dev.hyperplane.events.memory.MemoryRebalanceRequested;
import dev.hyperplane.events.memory.TenantMemoryPlanSet;
import dev.hyperplane.events.memory.VmMemoryPolicySet;
import dev.hyperplane.memory.domain.AlertCondition;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.sql.Timestamp;

/**
 * Keeps the policy, decision and alert tables in step with the memory events, in a subscribing processor: inside
 * the transaction that appends the events, so a PUT is readable at once and a round never sees its own alerts
 * half-written.
 */
@ApplicationScoped
@ProcessingGroup(MemoryProjection.PROCESSING_GROUP)
public class MemoryProjection {
    public static final String PROCESSING_GROUP = "memory-projection";

    @Inject
    AgroalDataSource dataSource;

    @EventHandler
    void on(VmMemoryPolicySet e) {
        MemoryPlan p = e.memory();
        Sql.update(dataSource, """
                INSERT INTO mb_vm_policy (vm_id, tenant_id, startup_mb, dynamic, minimum_mb, maximum_mb, buffer_percent,
                    priority, version, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (vm_id) DO UPDATE SET startup_mb = EXCLUDED.startup_mb, dynamic = EXCLUDED.dynamic,
                    minimum_mb = EXCLUDED.minimum_mb, maximum_mb = EXCLUDED.maximum_mb,
                    buffer_percent = EXCLUDED.buffer_percent, priority = EXCLUDED.priority, version = EXCLUDED.version,
                    set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at""",
                e.vmId(), e.tenantId(), e.startupMb(), p.enabled(), p.minimumMb(), p.maximumMb(), p.bufferPercent(),
                p.priority(), e.version(), e.setBy(), Timestamp.from(e.at()));
    }

    @EventHandler
    void on(TenantMemoryPlanSet e) {
        MemoryPlan p = e.memory();
        Sql.update(dataSource, """
                INSERT INTO mb_tenant_plan (tenant_id, dynamic, minimum_mb, maximum_mb, buffer_percent, priority, version,
                    set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET dynamic = EXCLUDED.dynamic, minimum_mb = EXCLUDED.minimum_mb,
                    maximum_mb = EXCLUDED.maximum_mb, buffer_percent = EXCLUDED.buffer_percent,
                    priority = EXCLUDED.priority, version = EXCLUDED.version, set_by = EXCLUDED.set_by,
                    set_at = EXCLUDED.set_at""",
                e.tenantId(), p.enabled(), p.minimumMb(), p.maximumMb(), p.bufferPercent(), p.priority(), e.version(),
                e.setBy(), Timestamp.from(e.at()));
    }

    @EventHandler
    void on(MemoryRebalanceRequested e) {
        Sql.update(dataSource, """
                INSERT INTO mb_decision (decision_id, vm_id, from_host_id, to_host_id, reason, host_pressure,
                    vm_demand_mb, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING""",
                e.decisionId(), e.vmId(), e.fromHostId(), e.toHostId(), e.reason(), e.hostPressure(), e.vmDemandMb(),
                Timestamp.from(e.at()));
    }

    @EventHandler
    void on(MemoryAlertRaised e) {
        String subject = new AlertCondition(e.kind(), e.hostId(), e.vmId(), e.detail()).subject();
        Sql.update(dataSource, """
                INSERT INTO mb_alert (alert_id, kind, subject, host_id, vm_id, detail, raised_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING""",
                e.alertId(), e.kind(), subject, e.hostId(), e.vmId(), e.detail(), Timestamp.from(e.at()));
    }

    @EventHandler
    void on(MemoryAlertCleared e) {
        Sql.update(dataSource, "UPDATE mb_alert SET cleared_at = ?, clear_detail = ? WHERE alert_id = ?",
                Timestamp.from(e.at()), e.detail(), e.alertId());
    }
}
