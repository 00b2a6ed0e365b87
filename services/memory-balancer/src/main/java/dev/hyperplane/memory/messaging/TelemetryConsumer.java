package dev.hyperplane.memory.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.memory.config.BalancerConfig;
import dev.hyperplane.memory.query.HostSample;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.platform.messaging.SampleThrottle;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows every host's per-second telemetry: keeps, per VM, since when its pressure has been above 100 % (every
 * sample counts, so a starved VM is seen to the second), and writes the host's latest sample at most once per
 * {@code hyperplane.memory.sample-interval}. A sample older than the stored one never replaces it. Telemetry is a
 * sample, not a fact to apply once: no inbox.
 */
@ApplicationScoped
public class TelemetryConsumer extends IdempotentConsumer {
    private static final TypeReference<List<HostSample.VmSample>> SAMPLES = new TypeReference<>() { };

    @Inject
    AgroalDataSource dataSource;
    @Inject
    BalancerConfig config;

    /** Per host: VM id -> starved since; loaded from the stored sample when the host is first seen. */
    private final Map<String, Map<String, Instant>> starvedSince = new ConcurrentHashMap<>();
    private final SampleThrottle throttle = new SampleThrottle();

    @Override
    public String group() {
        return "memory-balancer-telemetry";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_TELEMETRY);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (!(event.data() instanceof HostTelemetry telemetry)) {
            return;
        }
        Map<String, Instant> starved = starvedSince.computeIfAbsent(telemetry.hostId(), this::storedStarvation);
        Map<String, Instant> now = new HashMap<>();
        List<HostSample.VmSample> vms = telemetry.vms().stream().map(vm -> {
            Instant since = vm.pressure() > 100 ? starved.getOrDefault(vm.vmId(), telemetry.at()) : null;
            if (since != null) {
                now.put(vm.vmId(), since);
            }
            return new HostSample.VmSample(vm.vmId(), vm.state(), vm.assignedMb(), vm.demandMb(), vm.pressure(),
                    since);
        }).toList();
        starved.clear();
        starved.putAll(now);
        if (!throttle.due(telemetry.hostId(), telemetry.at(), config.sampleInterval())) {
            return;
        }
        Sql.update(dataSource, """
                INSERT INTO mb_host_sample (host_id, sim_time_ms, free_mb, vms, sampled_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET sim_time_ms = EXCLUDED.sim_time_ms, free_mb = EXCLUDED.free_mb,
                    vms = EXCLUDED.vms, sampled_at = EXCLUDED.sampled_at
                WHERE mb_host_sample.sampled_at < EXCLUDED.sampled_at""",
                telemetry.hostId(), telemetry.simTimeMs(), telemetry.freeMemoryMb(), JsonColumn.write(vms),
                Timestamp.from(telemetry.at()));
        throttle.written(telemetry.hostId(), telemetry.at());
    }

    /** Another replica follows these hosts now; if they come back, their starvation is read again from the database. */
    @Override
    protected void partitionsRevoked(Collection<org.apache.kafka.common.TopicPartition> partitions) {
        starvedSince.clear();
        throttle.forgetAll();
    }

    private Map<String, Instant> storedStarvation(String hostId) {
        Map<String, Instant> since = new ConcurrentHashMap<>();
        Sql.queryOne(dataSource, "SELECT vms FROM mb_host_sample WHERE host_id = ?", rs -> rs.getString(1), hostId)
                .ifPresent(json -> JsonColumn.read(json, SAMPLES).stream().filter(vm -> vm.starvedSince() != null)
                        .forEach(vm -> since.put(vm.vmId(), vm.starvedSince())));
        return since;
    }
}
