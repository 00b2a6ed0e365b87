package dev.hyperplane.inventory.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The latest memory sample of a host and its VMs, from its agent's telemetry (see {@code MemorySampler}). */
@Entity
@Table(name = "host_memory")
public class HostMemory extends PanacheEntityBase {
    @Id
    @Column(name = "host_id")
    public String hostId;
    @Column(name = "sim_time_ms")
    public long simTimeMs;
    @Column(name = "free_mb")
    public long freeMb;
    /** JSON: the telemetry's per-VM samples (assigned, demand, pressure, state, heartbeat). */
    public String vms;
    @Column(name = "sampled_at")
    public Instant sampledAt;
}
