package dev.hyperplane.provisioning.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.platform.axon.CommandsFromEvents;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.command.ConfirmVmStarted;
import dev.hyperplane.provisioning.command.CompleteVmOperation;
import dev.hyperplane.provisioning.command.RecordHostRefusal;
import dev.hyperplane.provisioning.control.VmReconciler;
import dev.hyperplane.provisioning.query.HostReportedSizes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Collection;
import java.util.List;

/**
 * Feeds the agents' answers to the VMs' commands back into the VMs, each host's inventory report to the
 * reconciler (not deduplicated: a report is a snapshot, reconciling it twice corrects nothing more), and the sizes
 * hosts report VMs run with to the read model, where quota counts them.
 */
@ApplicationScoped
public class AgentAnswerConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    VmReconciler reconciler;
    @Inject
    HostReportedSizes sizes;

    @Override
    public String group() {
        return "provisioning-agent-answers";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.AGENT_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof HostInventoryReported report) {
            reconciler.reconcile(report);
            return;
        }
        if (event.data() instanceof VmSettingsChangedOnHost sized) {
            once(event, () -> sizes.record(sized));
            return;
        }
        Object command;
        if (event.data() instanceof VmStartedOnHost started) {
            command = new ConfirmVmStarted(started.vmId(), started.hostId());
        } else if (event.data() instanceof AgentCommandCompleted completed) {
            command = new CompleteVmOperation(completed.vmId(), completed.commandId());
        } else if (event.data() instanceof AgentCommandRejected rejected) {
            command = new RecordHostRefusal(rejected.vmId(), rejected.commandId(), rejected.reason());
        } else {
            return;
        }
        once(event, () -> CommandsFromEvents.send(commands, command));
    }
}
