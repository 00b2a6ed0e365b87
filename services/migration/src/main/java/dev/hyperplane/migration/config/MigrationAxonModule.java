package dev.hyperplane.migration.config;

import dev.hyperplane.migration.command.Evacuation;
import dev.hyperplane.migration.command.GuestWatch;
import dev.hyperplane.migration.command.HaHost;
import dev.hyperplane.migration.command.Migration;
import dev.hyperplane.migration.domain.GuestMonitoring;
import dev.hyperplane.migration.domain.HaSettings;
import dev.hyperplane.migration.domain.HostQuarantine;
import dev.hyperplane.migration.domain.MigrationDeadlines;
import dev.hyperplane.migration.query.EvacuationProjection;
import dev.hyperplane.migration.query.HaProjection;
import dev.hyperplane.migration.query.MigrationProjection;
import dev.hyperplane.platform.axon.AxonModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.axonframework.config.Configurer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The migration service's part of the Axon configuration. */
@ApplicationScoped
public class MigrationAxonModule implements AxonModule {

    @Inject
    MigrationProjection projection;
    @Inject
    EvacuationProjection evacuationProjection;
    @Inject
    HaProjection haProjection;
    @ConfigProperty(name = "hyperplane.migration.completion-per-gib")
    Duration completionPerGiB;
    @ConfigProperty(name = "hyperplane.migration.completion-minimum")
    Duration completionMinimum;
    @ConfigProperty(name = "hyperplane.migration.no-progress-timeout")
    Duration noProgress;
    @ConfigProperty(name = "hyperplane.migration.ha.fence-answer-timeout", defaultValue = "PT10S")
    Duration fenceAnswerTimeout;
    @ConfigProperty(name = "hyperplane.migration.ha.fence-retry-interval", defaultValue = "PT30S")
    Duration fenceRetryInterval;
    @ConfigProperty(name = "hyperplane.migration.ha.agent-silent-alert-after", defaultValue = "PT5M")
    Duration agentSilentAlertAfter;
    @ConfigProperty(name = "hyperplane.migration.ha.restart-attempts", defaultValue = "5")
    int restartAttempts;
    @ConfigProperty(name = "hyperplane.migration.ha.restart-retry-delay", defaultValue = "PT10S")
    Duration restartRetryDelay;
    @ConfigProperty(name = "hyperplane.migration.ha.restart-timeout", defaultValue = "PT2M")
    Duration restartTimeout;

    @ConfigProperty(name = "hyperplane.migration.ha.quarantine-after", defaultValue = "3")
    int quarantineAfter;
    @ConfigProperty(name = "hyperplane.migration.ha.quarantine-window", defaultValue = "PT1H")
    Duration quarantineWindow;
    @ConfigProperty(name = "hyperplane.migration.ha.quarantine-duration", defaultValue = "PT2H")
    Duration quarantineDuration;

    @ConfigProperty(name = "hyperplane.migration.ha.guest-heartbeat-lost-after", defaultValue = "PT60S")
    Duration guestHeartbeatLostAfter;
    @ConfigProperty(name = "hyperplane.migration.ha.guest-resets-per-hour", defaultValue = "3")
    int guestResetsPerHour;

    /** The guest monitor's rules, for its loop and for the GuestWatch aggregate alike. */
    @Produces
    @Singleton
    GuestMonitoring guestMonitoring() {
        return new GuestMonitoring(guestHeartbeatLostAfter, guestResetsPerHour, Duration.ofHours(1));
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Migration.class);
        configurer.configureAggregate(Evacuation.class);
        configurer.configureAggregate(HaHost.class);
        configurer.configureAggregate(GuestWatch.class);
        configurer.registerComponent(GuestMonitoring.class, c -> guestMonitoring());
        configurer.registerComponent(HaSettings.class, c -> new HaSettings(fenceAnswerTimeout, fenceRetryInterval,
                agentSilentAlertAfter, restartAttempts, restartRetryDelay, restartTimeout));
        configurer.registerComponent(HostQuarantine.class,
                c -> new HostQuarantine(quarantineAfter, quarantineWindow, quarantineDuration));
        configurer.registerComponent(MigrationDeadlines.class,
                c -> new MigrationDeadlines(completionPerGiB, completionMinimum, noProgress));
        configurer.eventProcessing(processing -> processing
                // in the command's own transaction: a 202 is never followed by a 404 on its Location
                .registerEventHandler(c -> projection)
                .registerSubscribingEventProcessor(MigrationProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> evacuationProjection)
                .registerSubscribingEventProcessor(EvacuationProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> haProjection)
                .registerSubscribingEventProcessor(HaProjection.PROCESSING_GROUP));
    }
}
