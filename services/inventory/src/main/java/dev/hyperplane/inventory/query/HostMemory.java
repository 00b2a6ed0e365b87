package dev.hyperplane.inventory.query;

import dev.hyperplane.platform.jdbc.JsonColumn;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.events.agent.HostTelemetry;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The latest memory sample of a host and its VMs, from its agent's telemetry (written through {@link HostReports}). */
@Entity
@Table(name = "host_memory")
public class HostMemory extends PanacheEntityBase {
    @Id
    public String hostId;
    public long simTimeMs;
    public long freeMb;
    /** JSON: the telemetry's per-VM samples (assigned, demand, pressure, state, heartbeat). */
    public String vms;
    public Instant sampledAt;

    /** The sample's VMs by id, read once per host. */
    public Map<String, HostTelemetry.VmSample> samplesByVm() {
        List<HostTelemetry.VmSample> samples = JsonColumn.read(vms, new TypeReference<>() { });
        return samples.stream().collect(Collectors.toMap(HostTelemetry.VmSample::vmId, Function.identity()));
    }
}
