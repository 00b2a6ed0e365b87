package dev.hyperplane.inventory.query;

import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.liveness.HostLiveness;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * What the agents last reported about each host: its memory sample (read by the fleet views through
 * {@link HostMemory}) and when it was taken, which is also how inventory knows a host is alive. Shared by every
 * replica through the database, whichever replica consumed the report.
 */
@ApplicationScoped
public class HostReports {

    /**
     * A registered host, its recorded health, when its agent last reported it and when that agent last said it is
     * alive (null: never).
     */
    public record Liveness(String hostId, String health, HostLiveness.Heard heard) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Keeps the newest sample of the host; an older one never replaces it. */
    public void record(HostTelemetry telemetry) {
        Sql.update(dataSource, """
                INSERT INTO host_memory (host_id, sim_time_ms, free_mb, vms, sampled_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET sim_time_ms = EXCLUDED.sim_time_ms, free_mb = EXCLUDED.free_mb,
                    vms = EXCLUDED.vms, sampled_at = EXCLUDED.sampled_at
                WHERE host_memory.sampled_at < EXCLUDED.sampled_at""",
                telemetry.hostId(), telemetry.simTimeMs(), telemetry.freeMemoryMb(),
                JsonColumn.write(telemetry.vms()), Timestamp.from(telemetry.at()));
    }

    public List<Liveness> liveness() {
        return Sql.query(dataSource, """
                SELECT h.host_id, h.health, m.sampled_at, a.last_heartbeat, a.alive_since FROM host_view h
                LEFT JOIN host_memory m ON m.host_id = h.host_id
                LEFT JOIN agent_liveness a ON a.agent_id = h.agent_id ORDER BY h.host_id""",
                rs -> new Liveness(rs.getString(1), rs.getString(2), new HostLiveness.Heard(
                        instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)))));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
