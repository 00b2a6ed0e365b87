package dev.hyperplane.inventory.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What kdump did after a guest panic: a dump captured (and its size), or none and why. */
@Entity
@Table(name = "crash_dump")
public class CrashDump extends PanacheEntityBase {
    /** The agent event it came from: the dump's identity. */
    @Id
    @Column(name = "event_id")
    public String id;
    @Column(name = "vm_id")
    public String vmId;
    @Column(name = "host_id")
    public String hostId;
    public boolean captured;
    @Column(name = "dump_mb")
    public long dumpMb;
    /** Why no dump was written; null when captured. */
    public String reason;
    /** The host's simulated clock when kdump finished. */
    @Column(name = "sim_time_ms")
    public long simTimeMs;
    @Column(name = "reported_at")
    public Instant reportedAt;
}
