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
import java.sql.Timestamp;
import java.time.Instant;
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
    public record HostRow(HostDefinition spec, long seed, long simTimeMs, long publishedSeq, HostFaults faults) {
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
    /** A migration between agents is done with once decided and followed; kept for the retention. */
    @Produces
    @Singleton
    static PrunedTable remoteMigrationRetention() {
        return new PrunedTable("remote_migration", "updated_at",
                "phase IN ('committed', 'aborted', 'started', 'refused', 'released') AND NOT request_pending", null);
    }

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

    public void saveFaults(String hostId, HostFaults faults) {
        Sql.update(dataSource, "UPDATE host SET partitioned = ?, management_controller_failed = ?, powered_off = ? "
                + "WHERE host_id = ?", faults.partitioned(), faults.managementControllerFailed(), faults.poweredOff(),
                hostId);
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

    /** The agent that runs a host of the fleet, as inventory registered it. */
    public Optional<String> agentOf(String hostId) {
        return Sql.queryOne(dataSource, "SELECT agent_id FROM fleet_host WHERE host_id = ?", rs -> rs.getString(1),
                hostId);
    }

    public void fleetHostRegistered(String hostId, String agentId) {
        Sql.update(dataSource, "INSERT INTO fleet_host (host_id, agent_id) VALUES (?, ?) ON CONFLICT (host_id) "
                + "DO UPDATE SET agent_id = excluded.agent_id", hostId, agentId);
    }

    public Optional<RemoteMigration> remoteMigration(String migrationId, RemoteMigration.Role role) {
        return Sql.queryOne(dataSource, "SELECT * FROM remote_migration WHERE migration_id = ? AND role = ?",
                HostStore::remoteMigration, migrationId, role.name().toLowerCase());
    }

    /** The source side of the migration of {@code vmId} out of {@code sourceHostId} that is not decided yet. */
    public Optional<RemoteMigration> openRemoteMigrationOut(String sourceHostId, String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM remote_migration WHERE role = 'source' AND source_host_id = ? "
                + "AND vm_id = ? AND phase IN ('preparing', 'migrating', 'handing-off')", HostStore::remoteMigration,
                sourceHostId, vmId);
    }

    /** Source sides of the given hosts that wait for their destination or have a decision to send. */
    public List<RemoteMigration> remoteMigrationsDue(List<String> sourceHostIds) {
        return Sql.query(dataSource, "SELECT * FROM remote_migration WHERE role = 'source' "
                + "AND (phase IN ('preparing', 'handing-off') OR request_pending) AND source_host_id = ANY (?)",
                HostStore::remoteMigration, (Object) sourceHostIds.toArray(String[]::new));
    }

    /** Inserts or replaces one side of a migration between agents. */
    public void saveRemoteMigration(RemoteMigration m) {
        Sql.update(dataSource, """
                INSERT INTO remote_migration (migration_id, role, vm_id, source_host_id, destination_host_id, phase,
                    passes, vm_state, reason, request_type, request, request_pending, sent_at, deadline_at,
                    frozen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (migration_id, role) DO UPDATE SET phase = excluded.phase, passes = excluded.passes,
                    vm_state = excluded.vm_state, reason = excluded.reason, request_type = excluded.request_type,
                    request = excluded.request, request_pending = excluded.request_pending,
                    sent_at = excluded.sent_at, deadline_at = excluded.deadline_at, frozen_at = excluded.frozen_at,
                    updated_at = now()""",
                m.migrationId(), m.role().name().toLowerCase(), m.vmId(), m.sourceHostId(), m.destinationHostId(),
                m.phase().column(), m.passes(), m.vmState(), m.reason(), m.requestType(), m.request(),
                m.requestPending(), timestamp(m.sentAt()), timestamp(m.deadlineAt()), timestamp(m.frozenAt()));
    }

    /** The source's request went out at {@code at}: a decision is on the topic, a question is asked again later. */
    public void remoteRequestSent(String migrationId, String phase, Instant at) {
        Sql.update(dataSource, "UPDATE remote_migration SET sent_at = ?, request_pending = false, updated_at = now() "
                + "WHERE migration_id = ? AND role = 'source' AND phase = ?", timestamp(at), migrationId, phase);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static RemoteMigration remoteMigration(ResultSet rs) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp deadline = rs.getTimestamp("deadline_at");
        Timestamp frozen = rs.getTimestamp("frozen_at");
        return new RemoteMigration(rs.getString("migration_id"),
                RemoteMigration.Role.valueOf(rs.getString("role").toUpperCase()), rs.getString("vm_id"),
                rs.getString("source_host_id"), rs.getString("destination_host_id"),
                RemoteMigration.Phase.ofColumn(rs.getString("phase")), rs.getString("passes"),
                rs.getString("vm_state"), rs.getString("reason"), rs.getString("request_type"),
                rs.getString("request"), rs.getBoolean("request_pending"),
                sent == null ? null : sent.toInstant(), deadline == null ? null : deadline.toInstant(),
                frozen == null ? null : frozen.toInstant());
    }

    private static HostRow host(ResultSet rs) throws SQLException {
        return new HostRow(new HostDefinition(rs.getString("host_id"), rs.getString("name"),
                rs.getString("windows_server_version"), rs.getInt("logical_processors"), rs.getLong("memory_mb"),
                rs.getLong("root_reserve_mb")), rs.getLong("seed"), rs.getLong("sim_time_ms"),
                rs.getLong("published_seq"), new HostFaults(rs.getBoolean("partitioned"),
                rs.getBoolean("management_controller_failed"), rs.getBoolean("powered_off")));
    }
}
