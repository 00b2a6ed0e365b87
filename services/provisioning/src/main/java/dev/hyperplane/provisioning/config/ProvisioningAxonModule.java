package dev.hyperplane.provisioning.config;

import dev.hyperplane.platform.axon.AxonModule;
import dev.hyperplane.provisioning.command.FleetHaReserve;
import dev.hyperplane.provisioning.command.VirtualMachine;
import dev.hyperplane.provisioning.query.ReservationProjection;
import dev.hyperplane.provisioning.query.VmProjection;
import dev.hyperplane.provisioning.saga.VmPlacer;
import dev.hyperplane.provisioning.saga.ProvisioningSaga;
import dev.hyperplane.provisioning.saga.VmOperationSaga;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.Configurer;

/** Provisioning's part of the Axon configuration. */
@ApplicationScoped
public class ProvisioningAxonModule implements AxonModule {

    @Inject
    VmProjection projection;
    @Inject
    ReservationProjection reservations;
    @Inject
    VmPlacer placer;

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(VirtualMachine.class);
        configurer.configureAggregate(FleetHaReserve.class);
        // the VM reserves a move's destination in the command's transaction
        configurer.registerComponent(VmPlacer.class, c -> placer);
        configurer.eventProcessing(processing -> processing
                // one thread, one segment: placement decisions are made one at a time
                .registerSaga(ProvisioningSaga.class)
                .registerSaga(VmOperationSaga.class)
                // in the command's own transaction: a 202 is never followed by a 404 on its Location
                .registerEventHandler(c -> projection)
                .registerEventHandler(c -> reservations)
                .registerSubscribingEventProcessor(VmProjection.PROCESSING_GROUP));
    }
}
