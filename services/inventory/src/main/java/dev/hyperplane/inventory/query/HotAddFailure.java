package dev.hyperplane.inventory.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The guest did not online memory Dynamic Memory hot-added; permanent: its host stopped trying. */
@Entity
@Table(name = "hot_add_failure")
public class HotAddFailure extends PanacheEntityBase {
    /** The agent event it came from. */
    @Id
    @Column(name = "event_id")
    public String id;
    @Column(name = "vm_id")
    public String vmId;
    @Column(name = "host_id")
    public String hostId;
    public boolean permanent;
    public String reason;
    @Column(name = "sim_time_ms")
    public long simTimeMs;
    @Column(name = "reported_at")
    public Instant reportedAt;
}
