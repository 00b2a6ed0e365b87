package dev.hyperplane.memory.control;

import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.MemoryPolicies;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import dev.hyperplane.platform.messaging.KafkaSettings;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
    AgroalDataSource dataSource;
    @Inject
    MemoryPolicies policies;
    @Inject
    KafkaPublisher publisher;
    @Inject
    KafkaSettings settings;

    /** What was last pushed for a VM and what its host answered ({@code sent}, {@code applied}, {@code rejected}). */
    public record Push(String vmId, String commandId, String hostId, String state, String reason, Instant sentAt) {
    }

    /** @return how many pushes were sent */
    public int reconcile(Map<String, FleetMemory.Vm> vms, Instant now, Duration retry) {
        var own = policies.vmPolicies();
        var plans = policies.tenantPlans();
        Map<String, Push> pushes = pushes();
        int sent = 0;
        for (FleetMemory.Vm vm : vms.values()) {
            var desired = MemoryPolicies.desired(vm, own.get(vm.vmId()), plans.get(vm.tenantId())).orElse(null);
            if (desired == null || desired.startupMb() == vm.startupMb() && desired.memory().equals(vm.plan())) {
                continue;
            }
            String commandId = vm.vmId() + "/memory@" + desired.tag() + "@" + vm.hostId();
            Push last = pushes.get(vm.vmId());
            if (last != null && last.commandId().equals(commandId)
                    && (!"sent".equals(last.state()) || now.isBefore(last.sentAt().plus(retry)))) {
                continue;
            }
            send(new SetVmMemoryOnHost(commandId, vm.hostId(), vm.vmId(), desired.startupMb(), desired.memory()),
                    vm.tenantId(), now);
            sent++;
        }
        return sent;
    }

    public Map<String, Push> pushes() {
        return Sql.query(dataSource, "SELECT * FROM mb_push", PolicyPusher::push).stream()
                .collect(Collectors.toMap(Push::vmId, p -> p));
    }

    public Optional<Push> push(String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM mb_push WHERE vm_id = ?", PolicyPusher::push, vmId);
    }

    private static Push push(ResultSet rs) throws SQLException {
        return new Push(rs.getString("vm_id"), rs.getString("command_id"), rs.getString("host_id"),
                rs.getString("state"), rs.getString("reason"), rs.getTimestamp("sent_at").toInstant());
    }

    /** Recorded before it is sent, so the host's answer always finds the row; a failed send is retried later. */
    private void send(SetVmMemoryOnHost command, String tenantId, Instant now) {
        Sql.update(dataSource, """
                INSERT INTO mb_push (vm_id, command_id, host_id, state, reason, sent_at) VALUES (?, ?, ?, 'sent', NULL, ?)
                ON CONFLICT (vm_id) DO UPDATE SET command_id = EXCLUDED.command_id, host_id = EXCLUDED.host_id,
                    state = 'sent', reason = NULL, sent_at = EXCLUDED.sent_at""",
                command.vmId(), command.commandId(), command.hostId(), Timestamp.from(now));
        try {
            publisher.send(CloudEventCodec.encode(command, command.commandId(), "/hyperplane/"
                    + settings.applicationName(), now, tenantId, null)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("could not push the memory policy of VM %s (sent again after the retry time): %s",
                    command.vmId(), e.toString());
        }
    }
}
