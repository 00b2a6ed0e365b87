package dev.hyperplane.memory.config;

import dev.hyperplane.memory.domain.FleetBalancer;
import dev.hyperplane.memory.domain.Hysteresis;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.time.Duration;

/** The control loop's settings ({@code hyperplane.memory.*}, see application.properties). */
@ConfigMapping(prefix = "hyperplane.memory")
public interface BalancerConfig {

    /** How often the control loop runs (also read by its {@code @Scheduled}). */
    @WithName("loop-period")
    Duration loopPeriod();

    @WithName("hot-threshold-percent")
    int hotThresholdPercent();

    @WithName("hot-margin-percent")
    int hotMarginPercent();

    @WithName("hot-hold")
    Duration hotHold();

    @WithName("decision-cooldown")
    Duration decisionCooldown();

    /** How far ahead a host's need is projected along its trend. */
    @WithName("trend-horizon")
    Duration trendHorizon();

    /** The most VMs one hot host sheds in one round. */
    @WithName("moves-per-round")
    int movesPerRound();

    /** How long a decision not yet finished by the migration service counts as in flight. */
    @WithName("in-flight-max-age")
    Duration inFlightMaxAge();

    @WithName("starvation-window")
    Duration starvationWindow();

    @WithName("sample-max-age")
    Duration sampleMaxAge();

    @WithName("sample-interval")
    Duration sampleInterval();

    @WithName("push-retry")
    Duration pushRetry();

    default FleetBalancer.Settings settings() {
        return new FleetBalancer.Settings(new Hysteresis(hotThresholdPercent(), hotMarginPercent(), hotHold()),
                decisionCooldown(), starvationWindow(), trendHorizon(), movesPerRound());
    }
}
