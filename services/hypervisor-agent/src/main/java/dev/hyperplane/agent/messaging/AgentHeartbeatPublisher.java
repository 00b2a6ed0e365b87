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

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own liveness on {@code hyperplane.agent.heartbeats}, whatever its hosts do: a host that falls silent
 * while these go on has failed; hosts whose agent is silent are unknown (it may only be restarting).
 */
@ApplicationScoped
public class AgentHeartbeatPublisher {
    private static final Logger LOG = Logger.getLogger(AgentHeartbeatPublisher.class);

    @Inject
    AgentConfig config;
    @Inject
    EngineFleet fleet;
    @Inject
    KafkaPublisher publisher;

    @Scheduled(every = "${hyperplane.agent.heartbeat-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        Instant now = Instant.now();
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
