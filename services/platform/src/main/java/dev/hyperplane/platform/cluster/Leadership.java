package dev.hyperplane.platform.cluster;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which replica of a service runs its fleet-wide loops (host health, the memory control loop, the silent-host
 * sweep): the one holding the service's leader lock ({@link AdvisoryLock}). Every replica asks before each round,
 * at most once per {@code hyperplane.cluster.leader-check} (1 s), so a killed leader is replaced within a second or
 * two. Two leaders at once are possible only for the moment between a leader's session breaking and its next check;
 * the loops are idempotent rounds over the database, so such an overlap repeats work and changes nothing.
 * Consumers need no leader: Kafka gives each partition to one replica, and Axon's processors claim their tokens.
 * <p>
 * {@code /q/health/well} says whether this replica leads.
 */
@ApplicationScoped
@Default // @Wellness is a qualifier: without @Default the loops could not inject it
@Wellness
public class Leadership implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(Leadership.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    @ConfigProperty(name = "hyperplane.cluster.leader-check", defaultValue = "PT1S")
    Duration checkEvery;

    private AdvisoryLock lock;
    private long checkedAt;
    private Instant leadingSince;

    /** Whether this replica leads now: re-checked (kept or taken) when the last check is older than a second. */
    public synchronized boolean isLeader() {
        long now = System.nanoTime();
        if (lock == null || now - checkedAt >= checkEvery.toNanos()) {
            checkedAt = now;
            boolean was = leadingSince != null;
            boolean is = lock().holdOrTry();
            if (is != was) {
                leadingSince = is ? Instant.now() : null;
                LOG.infof(is ? "this replica leads the service's loops" : "this replica no longer leads");
            }
        }
        return leadingSince != null;
    }

    /** When this replica became the leader, if it is. */
    public synchronized Optional<Instant> leadingSince() {
        return Optional.ofNullable(leadingSince);
    }

    private AdvisoryLock lock() {
        if (lock == null) {
            lock = new AdvisoryLock("hyperplane.leader", () -> {
                java.util.Properties properties = new java.util.Properties();
                username.ifPresent(u -> properties.setProperty("user", u));
                password.ifPresent(p -> properties.setProperty("password", p));
                // a database that is away must not hold up a round (or the health endpoint) for long
                properties.setProperty("connectTimeout", "2");
                properties.setProperty("socketTimeout", "5");
                try {
                    return DriverManager.getConnection(url, properties);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot connect for the leader lock", e);
                }
            });
        }
        return lock;
    }

    /** A replica that stops hands the lead over at once instead of when its session times out. */
    synchronized void onStop(@Observes ShutdownEvent event) {
        if (lock != null) {
            lock.release();
            leadingSince = null;
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean leader = isLeader();
        return HealthCheckResponse.named("leader").up().withData("leader", leader)
                .withData("since", leadingSince().map(Instant::toString).orElse("")).build();
    }
}
