package dev.hyperplane.agent.domain;

import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.PrunedTable;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The agent's durable state: its hosts with how far their simulated clocks ran and which of their events Kafka
 * acknowledged, the replay log of engine commands, and the answers sent for agent commands. Joins the caller's
 * transaction.
 */
@ApplicationScoped
public class HostStore {

    /** A host row: its spec and its progress. */
    public record HostRow(HostDefinition spec, long seed, long simTimeMs, long publishedSeq) {
    }

    /** One accepted engine command at its simulated time; {@code seq} orders the log. */
    public record LoggedCommand(long seq, long simTimeMs, String json) {
    }

    /** A host's latest snapshot as stored ({@code waiting} as JSON). */
    public record StoredSnapshot(long commandSeq, long simTimeMs, long eventSeq, String waiting, byte[] engine) {
    }

    /** The answer already sent for an agent command. */
    public record LoggedAnswer(String type, String json) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** An answer is re-sent only while its command can be redelivered: the messaging retention prunes it. */
    @Produces
    @Singleton
    static PrunedTable commandLogRetention() {
        return new PrunedTable("command_log", "applied_at", "TRUE", null);
    }

    /** Log rows a snapshot includes are needed no more once the snapshot is durable; kept for the retention. */
    @Produces
    @Singleton
    static PrunedTable engineLogRetention() {
        return new PrunedTable("engine_command", "logged_at", "seq <= (SELECT s.command_seq FROM engine_snapshot s"
                + " WHERE s.host_id = engine_command.host_id)", null);
    }

    public void ensureHost(String agentId, HostDefinition host, long seed) {
        Sql.update(dataSource, """
                INSERT INTO host (host_id, agent_id, name, windows_server_version, logical_processors, memory_mb,
                    root_reserve_mb, seed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host_id) DO NOTHING""",
                host.hostId(), agentId, host.name(), host.windowsServerVersion(), host.logicalProcessors(),
                host.memoryMb(), host.rootReserveMb(), seed);
    }

    /** The hosts one agent runs (several agents may share the database). */
    public List<HostRow> hosts(String agentId) {
        return Sql.query(dataSource, "SELECT * FROM host WHERE agent_id = ? ORDER BY host_id", HostStore::host,
                agentId);
    }

    public void saveProgress(String hostId, long simTimeMs, long publishedSeq) {
        Sql.update(dataSource, "UPDATE host SET sim_time_ms = ?, published_seq = GREATEST(published_seq, ?) "
                + "WHERE host_id = ?", simTimeMs, publishedSeq, hostId);
    }

    public Optional<HostRow> host(String hostId) {
        return Sql.queryOne(dataSource, "SELECT * FROM host WHERE host_id = ?", HostStore::host, hostId);
    }

    /** @return the row's sequence number */
    public long logCommand(String hostId, long simTimeMs, String json) {
        return Sql.queryOne(dataSource, "INSERT INTO engine_command (host_id, sim_time_ms, command) VALUES (?, ?, ?) "
                + "RETURNING seq", rs -> rs.getLong(1), hostId, simTimeMs, json).orElseThrow();
    }

    /** The host's log after row {@code afterSeq}, in order. */
    public List<LoggedCommand> commands(String hostId, long afterSeq) {
        return Sql.query(dataSource, "SELECT seq, sim_time_ms, command FROM engine_command WHERE host_id = ? "
                + "AND seq > ? ORDER BY seq", rs -> new LoggedCommand(rs.getLong(1), rs.getLong(2), rs.getString(3)),
                hostId, afterSeq);
    }

    public Optional<StoredSnapshot> snapshot(String hostId) {
        return Sql.queryOne(dataSource, "SELECT command_seq, sim_time_ms, event_seq, waiting, engine "
                + "FROM engine_snapshot WHERE host_id = ?", rs -> new StoredSnapshot(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getString(4), rs.getBytes(5)), hostId);
    }

    /** Replaces the host's snapshot, unless a newer one is stored already. */
    public void saveSnapshot(String hostId, StoredSnapshot snapshot) {
        Sql.update(dataSource, """
                INSERT INTO engine_snapshot (host_id, command_seq, sim_time_ms, event_seq, waiting, engine)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET command_seq = excluded.command_seq,
                    sim_time_ms = excluded.sim_time_ms, event_seq = excluded.event_seq, waiting = excluded.waiting,
                    engine = excluded.engine, taken_at = now()
                WHERE engine_snapshot.sim_time_ms <= excluded.sim_time_ms""",
                hostId, snapshot.commandSeq(), snapshot.simTimeMs(), snapshot.eventSeq(), snapshot.waiting(),
                snapshot.engine());
    }

    public Optional<LoggedAnswer> answerFor(String commandId) {
        return Sql.queryOne(dataSource, "SELECT answer_type, answer FROM command_log WHERE command_id = ?",
                rs -> new LoggedAnswer(rs.getString(1), rs.getString(2)), commandId);
    }

    /** @return false when the command was answered already */
    public boolean logAnswer(String commandId, LoggedAnswer answer) {
        return Sql.update(dataSource, "INSERT INTO command_log (command_id, answer_type, answer) VALUES (?, ?, ?) "
                + "ON CONFLICT (command_id) DO NOTHING", commandId, answer.type(), answer.json()) == 1;
    }

    private static HostRow host(ResultSet rs) throws SQLException {
        return new HostRow(new HostDefinition(rs.getString("host_id"), rs.getString("name"),
                rs.getString("windows_server_version"), rs.getInt("logical_processors"), rs.getLong("memory_mb"),
                rs.getLong("root_reserve_mb")), rs.getLong("seed"), rs.getLong("sim_time_ms"),
                rs.getLong("published_seq"));
    }
}
