package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.CommandOutcome;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.EngineHost;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the simulated hosts in real time: every real second each host's clock moves {@code time-scale} simulated
 * seconds; VMs that migrated out are handed to their destination; then what the host reported goes out through
 * {@link HostReportPublisher}, and once all of it is acknowledged the host is snapshotted when one is due.
 */
@ApplicationScoped
public class SimulationLoop {
    private static final Logger LOG = Logger.getLogger(SimulationLoop.class);

    @Inject
    EngineFleet fleet;
    @Inject
    HostReportPublisher publisher;
    @Inject
    AgentConfig config;
    @Inject
    PeerMessages peers;

    private double carryMs;
    /** When the last round over every host ended: the agent's heartbeat says it works only while rounds go on. */
    private volatile Instant roundEndedAt = Instant.now();
    /** When each host's inventory last went out; empty after a start, so every host reports at once. */
    private final Map<String, Instant> inventoryReportedAt = new ConcurrentHashMap<>();

    /** An answer goes out with the host's next report; messages to other agents at once (or with the resend). */
    private void follow(EngineHost host, CommandOutcome outcome) throws Exception {
        outcome.answer().ifPresent(answer -> {
            synchronized (host) {
                host.answerLater(answer);
            }
        });
        peers.send(outcome.send());
    }

    /**
     * Migrations to other agents' hosts: questions asked again or given up, decisions sent. An answer goes out
     * with its source host's next report.
     */
    private void remoteMigrations() {
        try {
            for (CommandOutcome outcome : fleet.remoteDue()) {
                EngineHost source = outcome.answer().flatMap(a -> fleet.host(a.hostId())).orElse(null);
                if (source != null) {
                    follow(source, outcome);
                } else {
                    peers.send(outcome.send());
                }
            }
        } catch (Exception e) {
            LOG.warnf("migrations between agents: %s", e.toString()); // their rows hold them: again next second
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        remoteMigrations();
        carryMs += 1000 * config.timeScale();
        long stepMs = (long) (carryMs / 1000) * 1000;
        carryMs -= stepMs;
        for (EngineHost host : fleet.hosts()) {
            try {
                step(host, stepMs);
            } catch (Exception e) {
                // nothing is lost: unacknowledged events stay in the host's outbox and go out next second
                LOG.warnf("host %s: %s", host.spec().hostId(), e.toString());
            }
        }
        roundEndedAt = Instant.now();
    }

    /** When the last round over every host ended. */
    public Instant roundEndedAt() {
        return roundEndedAt;
    }

    private void step(EngineHost host, long stepMs) throws Exception {
        HostReportPublisher.Report report;
        List<EngineHost.HandOff> handOffs;
        List<EngineHost.Release> releases;
        String hostId = host.spec().hostId();
        Instant last = inventoryReportedAt.get(hostId);
        boolean inventoryDue = last == null || !Instant.now().isBefore(last.plus(config.inventoryReportInterval()));
        synchronized (host) {
            fleet.rebuildIfStale(host);
            host.advanceBy(stepMs);
            handOffs = host.takeHandOffs();
            releases = host.takeReleases();
        }
        for (EngineHost.HandOff handOff : handOffs) {
            // outside the source's lock (both are taken in order); the answer is logged with the accept, and
            // kept with the source like any answer until Kafka acknowledged it. To another agent's host the state
            // goes out instead; a failed send is sent again by the resend below
            follow(host, fleet.handOff(handOff));
        }
        for (EngineHost.Release release : releases) {
            CommandOutcome outcome;
            try {
                outcome = fleet.release(hostId, release);
            } catch (RuntimeException e) {
                synchronized (host) {
                    host.releaseLater(release); // only the source's events would bring it back: keep it
                }
                throw e;
            }
            follow(host, outcome);
        }
        if (host.faults().silent()) {
            return; // cut off or off: its events and answers wait in its outbox until it is heard again
        }
        synchronized (host) {
            report = new HostReportPublisher.Report(host, host.unpublished(), host.unsentAnswers(), host.simTimeMs(),
                    host.telemetry(), inventoryDue ? host.inventory() : null);
        }
        publisher.publish(report);
        fleet.snapshotIfDue(host);
        if (inventoryDue) {
            inventoryReportedAt.put(hostId, Instant.now()); // after Kafka acknowledged it: a failed send retries
        }
    }
}
