package dev.hyperplane.provisioning.saga;

import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmOperationFailed;
import dev.hyperplane.events.vm.VmOperationRequested;
import dev.hyperplane.events.vm.VmResizeRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.provisioning.command.FailVmOperation;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Guarantees every lifecycle operation (an in-place restore too) a terminal state: a durable deadline fails the operation when its host
 * did not answer in time (a guest that ignores the shutdown request, an agent that is down). The VM keeps the
 * state it had; an answer arriving later is ignored by the VM.
 */
public class VmOperationSaga {
    static final String TIMEOUT = "operation-timeout";

    @Inject
    transient CommandGateway commands;
    @Inject
    transient DeadlineManager deadlines;
    @Inject
    transient ProvisioningSettings settings;

    private String vmId;
    private String operationId;
    private String action;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "operationId")
    void on(VmOperationRequested event) {
        begin(event.vmId(), event.operationId(), event.action());
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "operationId")
    void on(VmResizeRequested event) {
        begin(event.vmId(), event.operationId(), "resize");
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "restoreId", keyName = "operationId")
    void on(VmRestoreStarted event) {
        begin(event.vmId(), event.restoreId(), "restore");
    }

    private void begin(String vmId, String operationId, String action) {
        this.vmId = vmId;
        this.operationId = operationId;
        this.action = action;
        deadlineId = deadlines.schedule(settings.operationTimeout(), TIMEOUT);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "operationId")
    void on(VmOperationCompleted event) {
        deadlines.cancelSchedule(TIMEOUT, deadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "operationId")
    void on(VmOperationFailed event) {
        deadlines.cancelSchedule(TIMEOUT, deadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "restoreId", keyName = "operationId")
    void on(VmRestored event) {
        deadlines.cancelSchedule(TIMEOUT, deadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "restoreId", keyName = "operationId")
    void on(VmRestoreFailed event) {
        deadlines.cancelSchedule(TIMEOUT, deadlineId);
    }

    @DeadlineHandler(deadlineName = TIMEOUT)
    void onTimeout() {
        commands.sendAndWait(new FailVmOperation(vmId, operationId, "the host did not finish the " + action
                + " within " + settings.operationTimeout().toSeconds() + " s"));
    }
}
