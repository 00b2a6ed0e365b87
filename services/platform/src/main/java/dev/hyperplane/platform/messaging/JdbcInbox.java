package dev.hyperplane.platform.messaging;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Records which CloudEvents a consumer has processed. Called inside the JTA transaction that applies the effect,
 * so the mark and the effect commit or roll back together.
 */
@ApplicationScoped
public class JdbcInbox {

    @Inject
    AgroalDataSource dataSource;

    /** @return true the first time this consumer sees the event id, false for a duplicate */
    public boolean firstDelivery(String consumer, String eventId) {
        return Sql.update(dataSource, "INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                consumer, eventId) == 1;
    }
}
