package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends messages to other agents' hosts on {@code hyperplane.agent.commands}, keyed by the host (the steps of a
 * migration between agents, simulation controls), and records each one sent once Kafka acknowledged it. A failed
 * send throws: the caller's record or loop tries again, and the receiver takes a message twice alike.
 */
@ApplicationScoped
public class PeerMessages {

    @Inject
    KafkaPublisher publisher;
    @Inject
    EngineFleet fleet;
    @Inject
    AgentConfig config;

    public void send(List<AgentCommand> messages) throws Exception {
        for (AgentCommand message : messages) {
            publisher.send(CloudEventCodec.encode(message, "agent-" + message.commandId(),
                    "/hyperplane/hypervisor-agent/" + config.id(), Instant.now(), null, null)).get(30, TimeUnit.SECONDS);
            fleet.remoteSent(message);
        }
    }
}
