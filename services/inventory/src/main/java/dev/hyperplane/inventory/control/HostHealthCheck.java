package dev.hyperplane.inventory.control;

import dev.hyperplane.inventory.command.ChangeHostHealth;
import dev.hyperplane.inventory.query.HostReports;
import dev.hyperplane.platform.cluster.Leadership;
import dev.hyperplane.platform.liveness.AgentHeartbeats;
import dev.hyperplane.platform.liveness.HostLiveness;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Host health from the agents' reports and heartbeats ({@link HostLiveness}): every 2 s, each registered host whose
 * last report is older than {@code hyperplane.inventory.unreachable-after} (9 s, the HA detector's limit in the
 * migration service too, so both tell the same) becomes Unreachable while its agent's heartbeats go on, Unknown when
 * they are older than {@code hyperplane.inventory.agent-silent-after} too, and Ready again once a report is fresh.
 * It re-reads the reports and the recorded health each round from the database, so whichever replica leads
 * ({@link Leadership}) judges every host, whichever replica consumed its reports; the commands are idempotent,
 * so a round repeated changes nothing.
 */
@ApplicationScoped
public class HostHealthCheck {
    private static final Logger LOG = Logger.getLogger(HostHealthCheck.class);

    @Inject
    CommandGateway commands;
    @Inject
    HostReports reports;
    @Inject
    Clock clock;
    @Inject
    Leadership leadership;
    @Inject
    AgentHeartbeats heartbeats;
    @ConfigProperty(name = "hyperplane.inventory.unreachable-after", defaultValue = "PT9S")
    Duration unreachableAfter;
    @ConfigProperty(name = "hyperplane.inventory.agent-silent-after", defaultValue = "PT10S")
    Duration agentSilentAfter;

    @Scheduled(every = "2s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!leadership.isLeader()) {
            return;
        }
        Instant now = clock.instant();
        // a replica that takes the lead gives the hosts their time: their reports may still be on their way
        Instant watchingSince = leadership.leadingSince().orElse(now);
        for (HostReports.Liveness host : reports.liveness()) {
            HostLiveness.verdict(host.health(), host.heard(), watchingSince, now, unreachableAfter, agentSilentAfter,
                    heartbeats.gap())
                    .ifPresent(verdict -> send(host.hostId(), verdict));
        }
    }

    private void send(String hostId, HostLiveness.Verdict verdict) {
        try {
            commands.sendAndWait(new ChangeHostHealth(hostId, verdict.health(), verdict.reason()));
        } catch (AggregateNotFoundException e) {
            LOG.debugf("host %s is in the read model but not registered", hostId);
        }
    }
}
