package dev.hyperplane.migration.query;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.liveness.AgentHeartbeats;
import dev.hyperplane.platform.liveness.HostLiveness;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the HA detector judges hosts by: each host an agent's heartbeat names, when the host last reported, and that
 * agent's heartbeats (the platform's {@code AgentHeartbeats} writes those). Newer facts never give way to older.
 */
@ApplicationScoped
public class HaLiveness {

    /** A host and what was heard of it and of its agent. */
    public record Watched(String hostId, String agentId, HostLiveness.Heard heard) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    AgentHeartbeats heartbeats;
    @ConfigProperty(name = "hyperplane.migration.ha.host-silent-after", defaultValue = "PT9S")
    Duration silentAfter;
    @ConfigProperty(name = "hyperplane.migration.ha.agent-silent-after", defaultValue = "PT10S")
    Duration agentSilentAfter;

    /** The agent's heartbeat names the host: it runs it. */
    public void runs(String agentId, String hostId) {
        Sql.update(dataSource, """
                INSERT INTO ha_host_liveness (host_id, agent_id) VALUES (?, ?)
                ON CONFLICT (host_id) DO UPDATE SET agent_id = EXCLUDED.agent_id
                WHERE ha_host_liveness.agent_id <> EXCLUDED.agent_id""", hostId, agentId);
    }

    public void reported(String hostId, Instant at) {
        Sql.update(dataSource, """
                UPDATE ha_host_liveness SET last_report = ?
                WHERE host_id = ? AND (last_report IS NULL OR last_report < ?)""",
                Timestamp.from(at), hostId, Timestamp.from(at));
    }

    public List<Watched> watched() {
        return Sql.query(dataSource, """
                SELECT h.host_id, h.agent_id, h.last_report, a.last_heartbeat, a.alive_since
                FROM ha_host_liveness h LEFT JOIN agent_liveness a ON a.agent_id = h.agent_id ORDER BY h.host_id""",
                rs -> new Watched(rs.getString(1), rs.getString(2), new HostLiveness.Heard(instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)))));
    }

    /** The host as the detector judges it now, long watched; empty while it reports. */
    public Optional<HostLiveness.Verdict> verdictNow(Watched host) {
        Instant now = clock.instant();
        return HostLiveness.verdict(HostLiveness.READY, host.heard(), now.minus(silentAfter).minusSeconds(1), now,
                silentAfter, agentSilentAfter, heartbeats.gap());
    }

    public boolean reporting(Watched host) {
        return verdictNow(host).isEmpty();
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
