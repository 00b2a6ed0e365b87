package dev.hyperplane.backup.config;

import dev.hyperplane.backup.command.BackupPolicy;
import dev.hyperplane.backup.query.PolicyProjection;
import dev.hyperplane.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.config.Configurer;

/** The backup service's part of the Axon configuration. */
@ApplicationScoped
public class BackupAxonModule implements AxonModule {

    @Inject
    PolicyProjection policies;

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(BackupPolicy.class);
        configurer.eventProcessing(processing -> processing
                // in the command's own transaction: a 200 is never followed by a read that does not show it
                .registerEventHandler(c -> policies)
                .registerSubscribingEventProcessor(PolicyProjection.PROCESSING_GROUP));
    }
}
