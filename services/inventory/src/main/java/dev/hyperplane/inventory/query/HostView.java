package dev.hyperplane.inventory.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A host of the fleet as panels see it. */
@Entity
@Table(name = "host_view")
public class HostView extends PanacheEntityBase {

    /** Maintenance hides health: such a host gets no VMs either way. */
    public void refreshState() {
        state = inMaintenance ? "Maintenance" : health;
        statusReason = inMaintenance ? maintenanceReason : "Ready".equals(health) ? null : healthReason;
    }

    @Id
    @Column(name = "host_id")
    public String hostId;
    public String name;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "windows_server_version")
    public String windowsServerVersion;
    @Column(name = "logical_processors")
    public int logicalProcessors;
    @Column(name = "memory_mb")
    public long memoryMb;
    @Column(name = "root_reserve_mb")
    public long rootReserveMb;
    /** Ready, Unreachable or Maintenance (maintenance wins). */
    public String state;
    /** Ready or Unreachable, from the agent's telemetry. */
    public String health;
    @Column(name = "in_maintenance")
    public boolean inMaintenance;
    /** Why the host is not Ready: the maintenance reason while in maintenance, else the health reason. */
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "health_reason")
    public String healthReason;
    @Column(name = "maintenance_reason")
    public String maintenanceReason;
    @Column(name = "registered_at")
    public Instant registeredAt;
}
