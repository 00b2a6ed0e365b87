package dev.hyperplane.platform.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox write failed", e);
        }
    }
}
