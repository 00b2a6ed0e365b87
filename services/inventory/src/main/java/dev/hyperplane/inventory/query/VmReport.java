package dev.hyperplane.inventory.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/** Something a host reported about one VM, kept as a listed object: its identity is the agent event's id. */
@MappedSuperclass
public abstract class VmReport extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String id;
    public String vmId;
    public String hostId;
    /** The host's simulated clock when it happened. */
    public long simTimeMs;
    public Instant reportedAt;

    /** Sets what every report has: which event, VM and host, and when. */
    void reported(String eventId, String vmId, String hostId, long simTimeMs, Instant reportedAt) {
        this.id = eventId;
        this.vmId = vmId;
        this.hostId = hostId;
        this.simTimeMs = simTimeMs;
        this.reportedAt = reportedAt;
    }
}
