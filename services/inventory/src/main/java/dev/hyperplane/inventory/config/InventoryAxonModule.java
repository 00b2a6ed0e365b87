package dev.hyperplane.inventory.config;

import dev.hyperplane.inventory.command.Host;
import dev.hyperplane.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;

/** Inventory's part of the Axon configuration. */
@ApplicationScoped
public class InventoryAxonModule implements AxonModule {

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Host.class);
    }
}
