package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.EngineHost;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own liveness on {@code hyperplane.agent.heartbeats}, whatever its hosts do: a host that falls silent
 * while these go on has failed; hosts whose agent is silent are unknown (it may only be restarting). A heartbeat
 * goes out only while the loop that runs the hosts ({@link SimulationLoop}) keeps its pace, as a liveness probe
 * proves the work loop and not a timer: otherwise an agent too slow to report its hosts would look alive while its
 * hosts look silent, and they would be fenced for the agent's stall.
 */
@ApplicationScoped
public class AgentHeartbeatPublisher {
    private static final Logger LOG = Logger.getLogger(AgentHeartbeatPublisher.class);
    /** Rounds run every second; three missed ones mean the agent does not keep up with its hosts. */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(3);

    @Inject
    AgentConfig config;
    @Inject
    EngineFleet fleet;
    @Inject
    KafkaPublisher publisher;
    @Inject
    SimulationLoop loop;

    @Scheduled(every = "${hyperplane.agent.heartbeat-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        Instant now = Instant.now();
        if (Duration.between(loop.roundEndedAt(), now).compareTo(STALLED_AFTER) > 0) {
            // beating from a timer while the hosts' loop stalls would pass the hosts' silence off as a failure
            LOG.warnf("agent %s: no round over its hosts for %s; no heartbeat until they run again", config.id(),
                    Duration.between(loop.roundEndedAt(), now));
            return;
        }
        AgentHeartbeat heartbeat = new AgentHeartbeat(config.id(), fleet.hosts().stream()
                .map(EngineHost::spec).map(h -> h.hostId()).toList(), now);
        try {
            publisher.send(CloudEventCodec.encode(heartbeat, UUID.randomUUID().toString(),
                    "/hyperplane/hypervisor-agent/" + config.id(), now, null, null)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("heartbeat of agent %s not sent: %s", config.id(), e.toString());
        }
    }
}
