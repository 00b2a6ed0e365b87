package dev.hyperplane.inventory.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.platform.liveness.AgentHeartbeats;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/** When each agent was last alive, from its heartbeats: {@code HostHealthCheck} tells a failed host from an unknown one. */
@ApplicationScoped
public class AgentHeartbeatConsumer extends IdempotentConsumer {

    @Inject
    AgentHeartbeats heartbeats;

    @Override
    public String group() {
        return "inventory-agents";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_HEARTBEATS);
    }

    /** A sample, not a fact to apply once: no inbox, the newest heartbeat wins. */
    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof AgentHeartbeat heartbeat) {
            heartbeats.heard(heartbeat.agentId(), heartbeat.at());
        }
    }
}
