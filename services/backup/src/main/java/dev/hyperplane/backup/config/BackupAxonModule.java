package dev.hyperplane.backup.config;

import dev.hyperplane.backup.command.BackupJob;
import dev.hyperplane.backup.command.BackupPolicy;
import dev.hyperplane.backup.command.Restore;
import dev.hyperplane.backup.command.VmRestorePoints;
import dev.hyperplane.backup.control.RetentionTrigger;
import dev.hyperplane.backup.domain.BackupAdmission;
import dev.hyperplane.backup.domain.BackupSettings;
import dev.hyperplane.backup.query.JobProjection;
import dev.hyperplane.backup.query.PolicyProjection;
import dev.hyperplane.backup.query.RestoreProjection;
import dev.hyperplane.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.axonframework.config.Configurer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The backup service's part of the Axon configuration. */
@ApplicationScoped
public class BackupAxonModule implements AxonModule {

    @Inject
    PolicyProjection policies;
    @Inject
    JobProjection jobs;
    @Inject
    RetentionTrigger retention;
    @Inject
    RestoreProjection restores;
    @ConfigProperty(name = "hyperplane.backup.run-timeout")
    Duration runTimeout;
    @ConfigProperty(name = "hyperplane.backup.queue-timeout")
    Duration queueTimeout;
    @ConfigProperty(name = "hyperplane.backup.restore-timeout")
    Duration restoreTimeout;
    @ConfigProperty(name = "hyperplane.backup.max-per-host")
    int maxPerHost;
    @ConfigProperty(name = "hyperplane.backup.max-in-fleet")
    int maxInFleet;

    /** The time limits of jobs and restores, for the API and the aggregates alike. */
    @Produces
    @Singleton
    BackupSettings settings() {
        return new BackupSettings(runTimeout, queueTimeout, restoreTimeout);
    }

    @Produces
    @Singleton
    BackupAdmission admission() {
        return new BackupAdmission(maxPerHost, maxInFleet);
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(BackupPolicy.class);
        configurer.configureAggregate(BackupJob.class);
        configurer.configureAggregate(VmRestorePoints.class);
        configurer.configureAggregate(Restore.class);
        configurer.registerComponent(BackupSettings.class, c -> settings());
        configurer.eventProcessing(processing -> processing
                // in the command's own transaction: a 2xx is never followed by a read that does not show it
                .registerEventHandler(c -> policies)
                .registerSubscribingEventProcessor(PolicyProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> jobs)
                .registerSubscribingEventProcessor(JobProjection.PROCESSING_GROUP)
                // after the projection (registered first): the point's row exists before retention prunes any
                .registerEventHandler(c -> restores)
                .registerSubscribingEventProcessor(RestoreProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> retention)
                .registerSubscribingEventProcessor(RetentionTrigger.PROCESSING_GROUP));
    }
}
