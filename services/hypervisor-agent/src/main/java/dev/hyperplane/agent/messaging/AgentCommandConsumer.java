package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.CommandOutcome;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Executes the agent commands addressed to this agent's hosts, among them the steps of migrations between agents.
 * A command for a host cut off from the network, or off, is lost (as a request to an unreachable host is), except a fence,
 * which goes through the host's management controller. What is done or refused at once is answered at once; a command whose VM must reach a state is answered by {@link SimulationLoop} when it gets there. The answer's CloudEvent id derives from the command id, so a
 * re-sent answer is a duplicate consumers drop.
 */
@ApplicationScoped
public class AgentCommandConsumer extends IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(AgentCommandConsumer.class);

    @Inject
    AgentConfig config;
    @Inject
    EngineFleet fleet;
    @Inject
    PeerMessages peers;

    @Override
    public String group() {
        return "hypervisor-agent-" + config.id();
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_COMMANDS);
    }

    @Override
    protected void handle(InboundEvent event) throws Exception {
        if (event.data() instanceof FenceHost fence && fleet.runs(fence.hostId())) {
            // through the management controller, which a partition does not cut off; repeating it is harmless
            publisher.send(CloudEventCodec.encode(fleet.fence(fence), "answer-" + fence.commandId(),
                    "/hyperplane/" + group(), Instant.now(), null, null)).get(30, TimeUnit.SECONDS);
            return;
        }
        if (!(event.data() instanceof AgentCommand command) || !fleet.runs(command.hostId())) {
            return; // another agent's host
        }
        if (!(command instanceof SimulationControlOnHost) && fleet.host(command.hostId()).orElseThrow().faults()
                .silent()) {
            LOG.warnf("host %s is cut off from the network or off: command %s does not reach it", command.hostId(),
                    command.commandId());
            return;
        }
        CommandOutcome outcome = fleet.handle(command); // committed when it returns
        // published after the commit: a crash in between redelivers the command, which re-sends the logged answer
        // (or, for a migration between agents, the step its row has reached)
        if (outcome.answer().isPresent()) {
            AgentAnswer answer = outcome.answer().get();
            publisher.send(CloudEventCodec.encode(answer, "answer-" + answer.commandId(),
                    "/hyperplane/" + group(), Instant.now(), event.tenantId(), null)).get(30, TimeUnit.SECONDS);
        }
        peers.send(outcome.send());
    }
}
