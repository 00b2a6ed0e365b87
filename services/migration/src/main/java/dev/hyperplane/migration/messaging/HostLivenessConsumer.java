package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.migration.query.HaLiveness;
import dev.hyperplane.platform.liveness.AgentHeartbeats;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * What the HA detector judges hosts by: the agents' heartbeats (which hosts each runs) and each host's telemetry
 * (when it last reported). Both topics in one consumer, so a lag in reading is the same for both and never passes
 * for a host's silence. Samples, not facts to apply once: no inbox, the newest wins.
 */
@ApplicationScoped
public class HostLivenessConsumer extends IdempotentConsumer {

    @Inject
    AgentHeartbeats heartbeats;
    @Inject
    HaLiveness liveness;

    @Override
    public String group() {
        return "migration-ha-liveness";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_HEARTBEATS, Topics.AGENT_TELEMETRY);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof AgentHeartbeat heartbeat) {
            heartbeat.hostIds().forEach(hostId -> liveness.runs(heartbeat.agentId(), hostId));
            heartbeats.heard(heartbeat.agentId(), heartbeat.at());
        } else if (event.data() instanceof HostTelemetry telemetry) {
            liveness.reported(telemetry.hostId(), telemetry.at());
        }
    }
}
