package dev.hyperplane.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The control plane's clock: wall-clock UTC for deadlines, schedules, timestamps of events and health checks
 * (engine facts run on the engine's simulated time instead). One bean, handed to whatever needs the time —
 * aggregates get it as a command-handler parameter through Axon — so a test can replace it in one place.
 */
@ApplicationScoped
public class WallClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
