package dev.hyperplane.platform.messaging;

import java.time.Duration;

/**
 * A table whose rows {@link RetentionPruner} deletes once they are older than the retention: rows that only
 * matter while Kafka can still deliver the record they are about.
 *
 * @param timeColumn when the row was written
 * @param condition  an extra SQL condition rows must meet to be deleted ({@code TRUE} for all)
 * @param retention  how long rows are kept; {@code null}: the messaging retention
 *                   ({@code hyperplane.messaging.retention})
 */
public record PrunedTable(String table, String timeColumn, String condition, Duration retention) {
}
