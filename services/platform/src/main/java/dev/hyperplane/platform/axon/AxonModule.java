package dev.hyperplane.platform.axon;

import org.axonframework.config.Configurer;

/**
 * A service's contribution to the Axon configuration: its aggregates, sagas, event handlers and processors.
 * Each service declares one CDI bean of this type; {@link AxonRuntime} applies all of them before it starts.
 */
public interface AxonModule {

    void configure(Configurer configurer);
}
