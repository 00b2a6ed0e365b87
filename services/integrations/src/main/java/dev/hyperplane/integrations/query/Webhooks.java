package dev.hyperplane.integrations.query;

import dev.hyperplane.integrations.domain.SecretBox;
import dev.hyperplane.integrations.domain.WebhookSecret;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;
import static dev.hyperplane.platform.jdbc.Sql.ts;

/** The subscriptions and their sealed signing secrets. */
@ApplicationScoped
public class Webhooks {
    private static final String COLUMNS = """
            webhook_id, tenant_id, url, event_types, active, disabled_reason, created_by, created_at, changed_at,
            previous_valid_until, failing_since""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SecretBox box;

    public Optional<WebhookView> find(String webhookId) {
        return Sql.queryOne(dataSource, "SELECT " + COLUMNS + " FROM webhook WHERE webhook_id = ?", Webhooks::view,
                webhookId);
    }

    /** @param tenant null: every subscription (a fleet admin's listing) */
    public List<WebhookView> list(String tenant, String after, int limit) {
        return Sql.query(dataSource, "SELECT " + COLUMNS + " " + """
                         FROM webhook WHERE (?::text IS NULL OR tenant_id = ?) AND (?::text IS NULL OR webhook_id > ?)
                        ORDER BY webhook_id LIMIT ?""", Webhooks::view, tenant, tenant, after, after, limit);
    }

    /** The active subscriptions an event about this tenant (null: about no tenant) may go to: its own and the fleet's. */
    public List<WebhookView> activeFor(String tenant) {
        return Sql.query(dataSource, "SELECT " + COLUMNS + " " + """
                         FROM webhook WHERE active AND (tenant_id IS NULL OR tenant_id = ?)""", Webhooks::view,
                tenant);
    }

    /** Stores a new secret; the one it replaces keeps signing until the rotation's overlap ends. */
    public void storeSecret(String webhookId, WebhookSecret secret) {
        Sql.update(dataSource, """
                INSERT INTO webhook_secret (webhook_id, current) VALUES (?, ?)
                ON CONFLICT (webhook_id) DO UPDATE SET previous = webhook_secret.current, current = EXCLUDED.current""",
                webhookId, box.seal(secret.text(), webhookId));
    }

    /** The secrets that sign a delivery now: the current one, then the previous one while its overlap lasts. */
    public List<WebhookSecret> signingSecrets(String webhookId, Instant now) {
        return Sql.queryOne(dataSource, """
                SELECT s.current, CASE WHEN w.previous_valid_until > ? THEN s.previous END
                  FROM webhook_secret s JOIN webhook w USING (webhook_id) WHERE webhook_id = ?""", rs -> {
                    List<WebhookSecret> secrets = new ArrayList<>();
                    secrets.add(WebhookSecret.parse(box.open(rs.getString(1), webhookId)));
                    if (rs.getString(2) != null) {
                        secrets.add(WebhookSecret.parse(box.open(rs.getString(2), webhookId)));
                    }
                    return secrets;
                }, ts(now), webhookId).orElse(List.of());
    }

    /** The endpoint accepted an attempt, or failed one: its failure streak ends, or starts if none runs. */
    public void endpointAnswered(String webhookId, boolean accepted, Instant at) {
        Sql.update(dataSource, """
                UPDATE webhook SET failing_since = CASE WHEN ? THEN NULL ELSE COALESCE(failing_since, ?) END
                WHERE webhook_id = ?""", accepted, ts(at), webhookId);
    }

    static WebhookView view(ResultSet rs) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookView(rs.getString("webhook_id"), rs.getString("tenant_id"), rs.getString("url"),
                Arrays.asList((String[]) types.getArray()), rs.getBoolean("active"), rs.getString("disabled_reason"),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("changed_at")), instant(rs.getTimestamp("previous_valid_until")),
                instant(rs.getTimestamp("failing_since")));
    }
}
