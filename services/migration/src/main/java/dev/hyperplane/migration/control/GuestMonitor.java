package dev.hyperplane.migration.control;

import dev.hyperplane.migration.command.ResetHungGuest;
import dev.hyperplane.migration.domain.GuestMonitoring;
import dev.hyperplane.migration.query.GuestHeartbeats;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * HA's guest monitoring: every second, on the leading replica, each running VM whose guest heartbeat has been lost
 * for {@code hyperplane.migration.ha.guest-heartbeat-lost-after} (and whose guest is not writing a crash dump) is
 * reported to its GuestWatch, which resets it through provisioning within the hour's limit or withholds the reset.
 * Each loss is reported until the GuestWatch decided on it; deciding twice changes nothing.
 */
@ApplicationScoped
public class GuestMonitor {
    private static final Logger LOG = Logger.getLogger(GuestMonitor.class);

    @Inject
    GuestHeartbeats guests;
    @Inject
    GuestMonitoring monitoring;
    @Inject
    CommandGateway commands;
    @Inject
    Leadership leadership;
    @Inject
    Clock clock;

    @Scheduled(every = "${hyperplane.migration.ha.guest-monitor-interval:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!leadership.isLeader()) {
            return;
        }
        Instant now = clock.instant();
        for (GuestMonitoring.Guest guest : guests.lostBefore(now.minus(monitoring.lostAfter()))) {
            if (!monitoring.hung(guest, now)) {
                continue;
            }
            try {
                commands.sendAndWait(new ResetHungGuest(guest.vmId(), guest.hostId(), guest.heartbeatSince(),
                        "guest heartbeat lost for " + Duration.between(guest.heartbeatSince(), now).toSeconds()
                                + " s while the VM runs on " + guest.hostId()));
            } catch (RuntimeException e) {
                LOG.warnf("hung guest of VM %s not decided on this round: %s", guest.vmId(), e.toString());
            }
        }
    }
}
