package dev.hyperplane.platform.messaging;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the idempotency tables bounded. An inbox row (and the agent's logged answer to a command) only matters
 * while Kafka may deliver its record again: the default retention, 14 days, is the topics' 7 days plus Kafka's
 * default segment roll of 7 days, since a broker deletes whole segments and may serve a record past its
 * retention. A consumer group rewound to the start of its topics finds every row it needs. Settled dead letters
 * are kept for 60 days (their Kafka twin keeps 30); parked ones until an operator settles them. Deletes run in
 * batches so no statement holds many locks; with several replicas each runs it, and a row is deleted once.
 */
@ApplicationScoped
public class RetentionPruner {
    static final int BATCH = 5_000;
    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Instance<PrunedTable> serviceTables;
    @ConfigProperty(name = "hyperplane.messaging.retention", defaultValue = "P14D")
    Duration retention;
    @ConfigProperty(name = "hyperplane.messaging.dead-letter-retention", defaultValue = "P60D")
    Duration deadLetterRetention;

    @Scheduled(every = "${hyperplane.messaging.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Map<String, Integer> deleted = prune(Instant.now());
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("pruned beyond retention: %s", deleted);
        }
    }

    /** @return the rows deleted per table */
    public Map<String, Integer> prune(Instant now) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (PrunedTable table : tables()) {
            Timestamp cutoff = Timestamp.from(now.minus(table.retention() == null ? retention : table.retention()));
            int total = 0;
            int batch;
            do {
                batch = Sql.update(dataSource, "DELETE FROM " + table.table() + " WHERE ctid IN (SELECT ctid FROM "
                        + table.table() + " WHERE " + table.timeColumn() + " < ? AND (" + table.condition()
                        + ") LIMIT " + BATCH + ")", cutoff);
                total += batch;
            } while (batch == BATCH);
            deleted.put(table.table(), total);
        }
        return deleted;
    }

    private List<PrunedTable> tables() {
        List<PrunedTable> tables = new ArrayList<>(List.of(
                new PrunedTable("inbox", "received_at", "TRUE", null),
                new PrunedTable("dead_letter", "settled_at", "state <> 'PARKED'", deadLetterRetention)));
        serviceTables.forEach(tables::add);
        return tables;
    }
}
