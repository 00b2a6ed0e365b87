package dev.hyperplane.memory.control;

import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.MemoryPolicies;
import dev.hyperplane.memory.query.MemoryPushes;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import dev.hyperplane.platform.messaging.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Brings each VM's memory on its host to what its policy says, reconcile style: every round compares the desired
 * settings (the VM's policy, else its tenant's plan) with what the host last reported, and sends
 * {@link SetVmMemoryOnHost} where they differ. The command id names the VM, the policy version and the host, and is
 * also the CloudEvent id, so a repeated send is applied once by the agent; an unanswered push is sent again after
 * {@code push-retry}; a refused one (e.g. lowering the maximum of a running VM on a host without Runtime Memory
 * Resize) is not retried until the policy or the VM's host changes, and its reason is shown with the policy.
 * <p>
 * Why not through the event store like the other public messages: the desired state already is event-sourced, and
 * this loop re-derives every push from it until the host reports the settings, so nothing is lost.
 */
@ApplicationScoped
public class PolicyPusher {
    private static final Logger LOG = Logger.getLogger(PolicyPusher.class);

    @Inject
    MemoryPolicies policies;
    @Inject
    MemoryPushes pushes;
    @Inject
    KafkaPublisher publisher;
    @Inject
    KafkaSettings settings;

    /** A push to send, with the VM's tenant for the CloudEvent. */
    record Due(SetVmMemoryOnHost command, String tenantId) {
    }

    /** @return how many pushes were sent */
    public int reconcile(Map<String, FleetMemory.Vm> vms, Instant now, Duration retry) {
        List<Due> due = due(vms, policies.vmPolicies(), policies.tenantPlans(), pushes.byVm(), now, retry);
        due.forEach(d -> send(d, now));
        return due.size();
    }

    /** What differs from its policy and is not already pushed (or pushed long enough ago to try again). */
    static List<Due> due(Map<String, FleetMemory.Vm> vms, Map<String, MemoryPolicies.VmPolicy> own,
                         Map<String, MemoryPolicies.TenantPlan> plans, Map<String, MemoryPushes.Push> pushed,
                         Instant now, Duration retry) {
        List<Due> due = new ArrayList<>();
        for (FleetMemory.Vm vm : vms.values()) {
            var desired = MemoryPolicies.desired(vm, own.get(vm.vmId()), plans.get(vm.tenantId())).orElse(null);
            if (desired == null || desired.startupMb() == vm.startupMb() && desired.memory().equals(vm.plan())) {
                continue;
            }
            String commandId = vm.vmId() + "/memory@" + desired.tag() + "@" + vm.hostId();
            MemoryPushes.Push last = pushed.get(vm.vmId());
            if (last != null && last.commandId().equals(commandId)
                    && (!"sent".equals(last.state()) || now.isBefore(last.sentAt().plus(retry)))) {
                continue;
            }
            due.add(new Due(new SetVmMemoryOnHost(commandId, vm.hostId(), vm.vmId(), desired.startupMb(),
                    desired.memory()), vm.tenantId()));
        }
        return due;
    }

    /** Recorded first, so the host's answer always finds the row; a failed send is retried after the retry time. */
    private void send(Due due, Instant now) {
        SetVmMemoryOnHost command = due.command();
        pushes.sent(command, now);
        try {
            publisher.send(CloudEventCodec.encode(command, command.commandId(), "/hyperplane/"
                    + settings.applicationName(), now, due.tenantId(), null)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("could not push the memory policy of VM %s (sent again after the retry time): %s",
                    command.vmId(), e.toString());
        }
    }
}
