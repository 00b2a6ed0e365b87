package dev.hyperplane.migration.control;

import dev.hyperplane.migration.command.AdmitMigration;
import dev.hyperplane.migration.domain.ConcurrencyLimits;
import dev.hyperplane.migration.query.Migrations;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts queued migrations as the {@link ConcurrencyLimits} allow, every second on every replica. A round reads the
 * running and queued migrations and admits the next ones in one transaction under a PostgreSQL transaction-level
 * advisory lock: the admissions' events and the view they update commit together, and a round on another replica
 * waits for the lock and then counts them, so two replicas never admit past a limit. A migration that ends frees
 * its hosts for the next round.
 */
@ApplicationScoped
public class MigrationQueue {
    private static final Logger LOG = Logger.getLogger(MigrationQueue.class);
    /** pg_advisory_xact_lock key of the admission round (the bytes of "mig-admt"). */
    private static final long ROUND_LOCK = 0x6d69672d61646d74L;

    @Inject
    Migrations migrations;
    @Inject
    CommandGateway commands;
    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "hyperplane.migration.max-per-host")
    int perHost;
    @ConfigProperty(name = "hyperplane.migration.max-in-fleet")
    int inFleet;

    @Scheduled(every = "${hyperplane.migration.admission-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void admitNext() {
        try {
            QuarkusTransaction.requiringNew().run(this::round);
        } catch (RuntimeException e) {
            LOG.warnf("no migration admitted this round: %s", e.toString()); // the next round tries again
        }
    }

    private void round() {
        Sql.queryOne(dataSource, "SELECT pg_advisory_xact_lock(?)", rs -> true, ROUND_LOCK);
        List<ConcurrencyLimits.Migration> queued = migrations.queued();
        if (queued.isEmpty()) {
            return;
        }
        Map<String, ConcurrencyLimits.Migration> byId = queued.stream()
                .collect(Collectors.toMap(ConcurrencyLimits.Migration::migrationId, Function.identity()));
        for (String id : new ConcurrencyLimits(perHost, inFleet).admit(migrations.running(), queued)) {
            commands.sendAndWait(new AdmitMigration(id, byId.get(id).sourceHostId()));
        }
    }
}
