package dev.hyperplane.inventory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.inventory.command.MarkHostReachable;
import dev.hyperplane.inventory.command.MarkHostUnreachable;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives host health from the agents' per-second telemetry: a host whose reports stop for
 * {@code hyperplane.inventory.unreachable-after} becomes Unreachable, and Ready again with its next report.
 * Commands are idempotent, so the monitor simply states what it sees; after a restart every registered host gets
 * the same grace period as at its first report.
 */
@ApplicationScoped
public class HostHealthMonitor extends IdempotentConsumer {
    private static final Logger LOG = Logger.getLogger(HostHealthMonitor.class);

    private enum Seen { READY, UNREACHABLE, UNKNOWN }

    @Inject
    CommandGateway commands;
    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "hyperplane.inventory.unreachable-after", defaultValue = "PT15S")
    Duration unreachableAfter;

    private final Map<String, Instant> lastReport = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Instant startedAt = Instant.now();

    @Override
    protected String group() {
        return "inventory-host-health";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_TELEMETRY);
    }

    /** Telemetry is a sample, not a fact to apply once: no inbox, the newest report wins. */
    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostTelemetry telemetry) {
            lastReport.merge(telemetry.hostId(), telemetry.at(), (a, b) -> a.isAfter(b) ? a : b);
            if (Duration.between(telemetry.at(), Instant.now()).compareTo(unreachableAfter) < 0
                    && seen.getOrDefault(telemetry.hostId(), Seen.UNKNOWN) != Seen.READY) {
                send(telemetry.hostId(), Seen.READY);
            }
        }
    }

    @Scheduled(every = "2s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkReports() {
        Instant now = Instant.now();
        for (String hostId : Sql.query(dataSource, "SELECT host_id FROM host_view", rs -> rs.getString(1))) {
            Instant last = lastReport.getOrDefault(hostId, startedAt);
            if (Duration.between(last, now).compareTo(unreachableAfter) > 0
                    && seen.getOrDefault(hostId, Seen.UNKNOWN) != Seen.UNREACHABLE) {
                send(hostId, Seen.UNREACHABLE);
            }
        }
    }

    private void send(String hostId, Seen state) {
        try {
            if (state == Seen.READY) {
                commands.sendAndWait(new MarkHostReachable(hostId));
            } else {
                commands.sendAndWait(new MarkHostUnreachable(hostId, "no report from its agent for more than "
                        + unreachableAfter.toSeconds() + " s"));
            }
            seen.put(hostId, state);
        } catch (AggregateNotFoundException e) {
            LOG.debugf("telemetry of host %s, which is not registered yet", hostId);
        }
    }
}
