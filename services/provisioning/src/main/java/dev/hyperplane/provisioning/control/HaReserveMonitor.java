package dev.hyperplane.provisioning.control;

import dev.hyperplane.placement.HaReserve;
import dev.hyperplane.platform.cluster.Leadership;
import dev.hyperplane.provisioning.command.AssessHaReserve;
import dev.hyperplane.provisioning.command.FleetHaReserve;
import dev.hyperplane.provisioning.saga.VmPlacer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Assesses the fleet's HA reserve every few seconds on the leading replica, with the rule placement's admission
 * control uses, and hands it to {@link FleetHaReserve}, which publishes it when the answer changed: hosts come and
 * go, fail and return, and VMs start and end between creations, so the reserve moves without any creation.
 */
@ApplicationScoped
public class HaReserveMonitor {
    private static final Logger LOG = Logger.getLogger(HaReserveMonitor.class);

    @Inject
    VmPlacer placer;
    @Inject
    CommandGateway commands;
    @Inject
    Leadership leadership;

    @Scheduled(every = "${hyperplane.provisioning.ha.reserve-interval:5s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void assess() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            HaReserve.Assessment reserve = placer.haReserve();
            commands.sendAndWait(new AssessHaReserve(FleetHaReserve.FLEET, reserve.failuresToTolerate(),
                    reserve.failuresAbsorbed(), reserve.reserveMb(), reserve.spareMb(), reserve.reason()));
        } catch (RuntimeException e) {
            LOG.warnf("HA reserve not assessed this round: %s", e.toString()); // again at the next
        }
    }
}
