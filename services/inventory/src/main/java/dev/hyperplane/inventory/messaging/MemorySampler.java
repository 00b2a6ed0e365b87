package dev.hyperplane.inventory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.inventory.query.HostReports;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.platform.messaging.SampleThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the latest report of every host ({@link HostReports}: its VMs' assigned memory, demand and pressure, and
 * when it was taken, from which {@code HostHealthCheck} judges the host alive). Agents report each host every
 * second; one row per host is rewritten at most once per {@code hyperplane.inventory.memory-sample-interval},
 * which is how fresh "current memory" is in the API. A sample older than the stored one never replaces it.
 */
@ApplicationScoped
public class MemorySampler extends IdempotentConsumer {

    @Inject
    HostReports reports;
    @ConfigProperty(name = "hyperplane.inventory.memory-sample-interval", defaultValue = "PT2S")
    Duration interval;

    private final SampleThrottle throttle = new SampleThrottle();

    @Override
    public String group() {
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
        reports.record(telemetry);
        throttle.written(telemetry.hostId(), telemetry.at());
    }
}
