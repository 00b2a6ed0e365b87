package dev.hyperplane.provisioning.saga;

import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.guestsupport.GuestHosts;
import dev.hyperplane.provisioning.command.FailVm;
import dev.hyperplane.provisioning.command.PlaceVm;
import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Drives one VM from request to Running: places it (which sends the agent command through the aggregate's
 * outbox) and waits for the host's answer. A durable deadline, set when the VM is placed (queueing for placement is
 * not its host's fault), guarantees a terminal state: if the VM is not Running in time, the saga fails it with a
 * reason; a start that arrives later is torn down on the host, never adopted. A failed VM's memory reservation is
 * released. When the only hosts that could take the VM are unreachable or in maintenance for now (an agent
 * restarting), the saga tries again on a durable deadline every {@code placement-retry} for up to
 * {@code placement-wait} before it fails the VM.
 */
public class ProvisioningSaga {
    static final String TIMEOUT = "provisioning-timeout";
    static final String PLACEMENT_RETRY = "provisioning-placement-retry";

    @Inject
    transient CommandGateway commands;
    @Inject
    transient DeadlineManager deadlines;
    @Inject
    transient VmPlacer placer;
    @Inject
    transient ProvisioningSettings settings;

    private String vmId;
    private String deadlineId;
    /** What placement needs, kept for the tries after the first. */
    private PlacementRequest request;
    private HaPriority haPriority;
    private int placementTries;

    @StartSaga
    @SagaEventHandler(associationProperty = "vmId")
    void on(VmRequested event) {
        vmId = event.vmId();
        request = new PlacementRequest(vmId, event.tenantId(), event.vcpus(), event.memoryMb(),
                GuestHosts.labels(event.guestOs().family(), event.guestOs().catalogId(),
                        event.guestOs().distribution(), event.guestOs().version(), event.secureBoot()),
                event.antiAffinityGroup());
        haPriority = HaPriority.of(event.haPriority());
        place();
    }

    @DeadlineHandler(deadlineName = PLACEMENT_RETRY)
    void onPlacementRetry() {
        place();
    }

    private void place() {
        placementTries++;
        Placement.Decision decision = placer.place(request, haPriority);
        long tries = 1 + settings.placementWait().toMillis() / Math.max(1, settings.placementRetry().toMillis());
        if (decision.placed()) {
            commands.sendAndWait(new PlaceVm(vmId, decision.hostId(), decision.warning()));
            deadlineId = deadlines.schedule(settings.timeout(), TIMEOUT);
        } else if (decision.worthRetrying() && placementTries < tries) {
            deadlines.schedule(settings.placementRetry(), PLACEMENT_RETRY);
        } else {
            commands.sendAndWait(new FailVm(vmId, decision.refusal() + (decision.worthRetrying()
                    ? " (waited " + settings.placementWait().toSeconds() + " s for one to come back)" : "")));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "vmId")
    void on(VmStarted event) {
        cancelDeadline();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "vmId")
    void on(VmFailed event) {
        cancelDeadline();
        placer.release(vmId);
    }

    private void cancelDeadline() {
        if (deadlineId != null) { // a VM refused by placement never had one
            deadlines.cancelSchedule(TIMEOUT, deadlineId);
        }
    }

    @DeadlineHandler(deadlineName = TIMEOUT)
    void onTimeout() {
        commands.sendAndWait(new FailVm(vmId,
                "the VM was not running " + settings.timeout().toSeconds() + " s after it was placed"));
    }
}
