package dev.hyperplane.migration.control;

import dev.hyperplane.migration.command.RaiseAgentSilentAlert;
import dev.hyperplane.migration.command.ReportHostFailure;
import dev.hyperplane.migration.query.HaIncidents;
import dev.hyperplane.migration.query.HaLiveness;
import dev.hyperplane.platform.cluster.Leadership;
import dev.hyperplane.platform.liveness.AgentHeartbeats;
import dev.hyperplane.platform.liveness.HostLiveness;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * HA's detector: every second, on the leading replica, each host an agent runs is judged with the platform's
 * {@link HostLiveness} (the rules inventory's host health uses, with the same limit): a host silent for
 * {@code hyperplane.migration.ha.host-silent-after} while its agent beat on all along has failed, and is reported
 * to its HaHost, which fences it before anything else. A host whose agent has been silent for longer than
 * {@code hyperplane.migration.ha.agent-silent-alert-after} is reported for an alert: nothing can tell whether it
 * runs, and nothing can fence it. Hosts with an incident open, or fenced and not cleared, are not reported again.
 * A host's silence must show in the telemetry stream's own time as well ({@link #silentInTheStream}), so a
 * replica reading late never takes its own lag for a failure.
 * It reads everything from the database each round, so whichever replica leads judges alike.
 */
@ApplicationScoped
public class HostFailureDetector {
    private static final Logger LOG = Logger.getLogger(HostFailureDetector.class);

    @Inject
    HaLiveness liveness;
    @Inject
    HaIncidents incidents;
    @Inject
    CommandGateway commands;
    @Inject
    Leadership leadership;
    @Inject
    AgentHeartbeats heartbeats;
    @Inject
    Clock clock;
    @ConfigProperty(name = "hyperplane.migration.ha.host-silent-after", defaultValue = "PT9S")
    Duration silentAfter;
    @ConfigProperty(name = "hyperplane.migration.ha.agent-silent-after", defaultValue = "PT10S")
    Duration agentSilentAfter;
    @ConfigProperty(name = "hyperplane.migration.ha.agent-silent-alert-after", defaultValue = "PT5M")
    Duration agentSilentAlertAfter;

    @Scheduled(every = "${hyperplane.migration.ha.detector-interval:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!leadership.isLeader()) {
            return;
        }
        Instant now = clock.instant();
        // a replica that takes the lead gives the hosts their time: their reports may still be on their way
        Instant watchingSince = leadership.leadingSince().orElse(now);
        Map<String, HaIncidents.HostState> states = incidents.hosts().stream()
                .collect(Collectors.toMap(HaIncidents.HostState::hostId, Function.identity()));
        List<HaLiveness.Watched> watched = liveness.watched();
        Instant newestReport = watched.stream().map(h -> h.heard().lastReport()).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        for (HaLiveness.Watched host : watched) {
            try {
                judge(host, states.get(host.hostId()), watchingSince, now, newestReport);
            } catch (RuntimeException e) {
                LOG.warnf("host %s not judged this round: %s", host.hostId(), e.toString()); // again next second
            }
        }
    }

    /**
     * The host is silent in the telemetry stream's own time too: the freshest report of any host is newer than its
     * last by more than the limit. Read late (this service restarting, catching up), every host looks silent by
     * the wall clock while the heartbeats are read up already; by the stream's time none is. With every host
     * silent together (the whole fleet dark, or nothing read) none is judged failed: there would be nowhere to
     * restart its VMs, and no fence is sent on a doubt. Nor is a host never heard from: its agent names it before
     * its first report is read (another replica may own that report's partition and still be starting), and it
     * has run nothing this service would restart.
     */
    static boolean silentInTheStream(Instant lastReport, Instant newestReport, Duration silentAfter) {
        return newestReport != null && lastReport != null
                && Duration.between(lastReport, newestReport).compareTo(silentAfter) > 0;
    }

    private void judge(HaLiveness.Watched host, HaIncidents.HostState state, Instant watchingSince, Instant now,
                       Instant newestReport) {
        boolean open = state != null && state.incidentState() != null && !state.incidentState().equals("ended");
        boolean fenced = state != null && state.fenced();
        HostLiveness.verdict(HostLiveness.READY, host.heard(), watchingSince, now, silentAfter, agentSilentAfter,
                heartbeats.gap())
                .ifPresent(verdict -> {
                    if (verdict.health().equals(HostLiveness.UNREACHABLE) && !open && !fenced
                            && silentInTheStream(host.heard().lastReport(), newestReport, silentAfter)) {
                        commands.sendAndWait(new ReportHostFailure(host.hostId(), host.agentId(), verdict.reason()));
                    }
                });
        Instant lastBeat = host.heard().agentAlive();
        if (lastBeat != null && Duration.between(lastBeat, now).compareTo(agentSilentAlertAfter) > 0
                && !fenced && (state == null || !lastBeat.equals(state.agentSilenceAlertedFor()))) {
            commands.sendAndWait(new RaiseAgentSilentAlert(host.hostId(), host.agentId(), lastBeat, "agent "
                    + host.agentId() + " of host " + host.hostId() + " has been silent for "
                    + Duration.between(lastBeat, now).toSeconds() + " s: whether the host runs is unknown, and it "
                    + "cannot be fenced while its agent is down"));
        }
    }
}
