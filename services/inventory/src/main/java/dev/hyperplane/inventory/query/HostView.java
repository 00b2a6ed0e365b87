package dev.hyperplane.inventory.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A host of the fleet as panels see it. */
@Entity
@Table(name = "host_view")
public class HostView extends PanacheEntityBase {
    /**
     * Optimistic locking: two replicas may handle records about the same row at once (its VM's events and its
     * host's reports come on different topics); the later one fails, and handles its record again on the new row.
     */
    @Version
    public long version;


    /** Maintenance hides health: such a host gets no VMs either way. */
    public void refreshState() {
        state = inMaintenance ? "Maintenance" : health;
        statusReason = inMaintenance ? maintenanceReason : "Ready".equals(health) ? null : healthReason;
    }

    @Id
    public String hostId;
    public String name;
    public String agentId;
    public String windowsServerVersion;
    public int logicalProcessors;
    public long memoryMb;
    public long rootReserveMb;
    /** Ready, Unreachable, Unknown or Maintenance (maintenance wins). */
    public String state;
    /** Ready, Unreachable (silent while its agent is alive) or Unknown (its agent silent too). */
    public String health;
    public boolean inMaintenance;
    /** Why the host is not Ready: the maintenance reason while in maintenance, else the health reason. */
    public String statusReason;
    public String healthReason;
    public String maintenanceReason;
    public Instant registeredAt;
}
