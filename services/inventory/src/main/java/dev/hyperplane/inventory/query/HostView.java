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
    public String state;
    @Column(name = "registered_at")
    public Instant registeredAt;
}
