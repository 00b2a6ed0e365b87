package dev.hyperplane.memory.config;

import dev.hyperplane.memory.command.HostMemoryControl;
import dev.hyperplane.memory.command.TenantMemoryPlan;
import dev.hyperplane.memory.command.VmMemoryPolicy;
import dev.hyperplane.memory.query.MemoryProjection;
import dev.hyperplane.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.Configurer;

/** The memory balancer's part of the Axon configuration. */
@ApplicationScoped
public class MemoryAxonModule implements AxonModule {

    @Inject
    MemoryProjection projection;

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(VmMemoryPolicy.class);
        configurer.configureAggregate(TenantMemoryPlan.class);
        configurer.configureAggregate(HostMemoryControl.class);
        configurer.eventProcessing(processing -> processing
                .registerEventHandler(c -> projection)
                .registerSubscribingEventProcessor(MemoryProjection.PROCESSING_GROUP));
    }
}
