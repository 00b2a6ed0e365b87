package dev.hyperplane.inventory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.platform.messaging.SampleThrottle;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the latest memory sample of every host (its VMs' assigned memory, demand and pressure) for the fleet read
 * model. Agents report each host every second; one row per host is rewritten at most once per
 * {@code hyperplane.inventory.memory-sample-interval}, which is how fresh "current memory" is in the API. A sample
 * older than the stored one never replaces it.
 */
@ApplicationScoped
public class MemorySampler extends IdempotentConsumer {

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "hyperplane.inventory.memory-sample-interval", defaultValue = "PT5S")
    Duration interval;

    private final SampleThrottle throttle = new SampleThrottle();

    @Override
    protected String group() {
        return "inventory-memory";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_TELEMETRY);
    }

    /** Telemetry is a sample, not a fact to apply once: no inbox, the newest sample wins. */
    @Override
    protected void handle(InboundEvent event) {
        if (!(event.data() instanceof HostTelemetry telemetry)) {
            return;
        }
        if (!throttle.due(telemetry.hostId(), telemetry.at(), interval)) {
            return;
        }
        Sql.update(dataSource, """
                INSERT INTO host_memory (host_id, sim_time_ms, free_mb, vms, sampled_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET sim_time_ms = EXCLUDED.sim_time_ms, free_mb = EXCLUDED.free_mb,
                    vms = EXCLUDED.vms, sampled_at = EXCLUDED.sampled_at
                WHERE host_memory.sampled_at < EXCLUDED.sampled_at""",
                telemetry.hostId(), telemetry.simTimeMs(), telemetry.freeMemoryMb(),
                JsonColumn.write(telemetry.vms()), Timestamp.from(telemetry.at()));
        throttle.written(telemetry.hostId(), telemetry.at());
    }
}
