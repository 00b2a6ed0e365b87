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

    /** One accepted engine command at its simulated time. */
    public record LoggedCommand(long simTimeMs, String json) {
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

    public void logCommand(String hostId, long simTimeMs, String json) {
        Sql.update(dataSource, "INSERT INTO engine_command (host_id, sim_time_ms, command) VALUES (?, ?, ?)",
                hostId, simTimeMs, json);
    }

    public List<LoggedCommand> commands(String hostId) {
        return Sql.query(dataSource, "SELECT sim_time_ms, command FROM engine_command WHERE host_id = ? ORDER BY seq",
                rs -> new LoggedCommand(rs.getLong(1), rs.getString(2)), hostId);
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
