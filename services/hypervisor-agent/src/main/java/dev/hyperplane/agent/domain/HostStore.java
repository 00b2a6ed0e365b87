package dev.hyperplane.agent.domain;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The agent's durable state: its hosts, their VMs, and the log of applied commands. Joins the caller's transaction. */
@ApplicationScoped
public class HostStore {

    /** A VM as the host runs it. */
    public record VmRecord(String vmId, String hostId, String name, int vcpus, long memoryMb, String state,
                           Instant startedAt) {
    }

    /** The answer already sent for a command. */
    public record LoggedAnswer(String type, String json) {
    }

    @Inject
    AgroalDataSource dataSource;

    public void ensureHost(String agentId, HostSpec host) {
        update("""
                INSERT INTO host (host_id, agent_id, name, windows_server_version, logical_processors, memory_mb,
                    root_reserve_mb)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host_id) DO NOTHING""",
                host.hostId(), agentId, host.name(), host.windowsServerVersion(), host.logicalProcessors(), host.memoryMb(),
                host.rootReserveMb());
    }

    /** The hosts one agent runs (several agents may share the database). */
    public List<HostSpec> hosts(String agentId) {
        return query("SELECT * FROM host WHERE agent_id = ? ORDER BY host_id", HostStore::host, agentId);
    }

    public Optional<HostSpec> host(String agentId, String hostId) {
        return query("SELECT * FROM host WHERE agent_id = ? AND host_id = ?", HostStore::host, agentId, hostId)
                .stream().findFirst();
    }

    /** Locks the host row so that concurrent admissions to one host are serialised. */
    public long lockAndSumMemory(String hostId) {
        query("SELECT host_id FROM host WHERE host_id = ? FOR UPDATE", rs -> rs.getString(1), hostId);
        return query("SELECT COALESCE(SUM(memory_mb), 0) FROM vm WHERE host_id = ?", rs -> rs.getLong(1), hostId).get(0);
    }

    public List<VmRecord> vms(String hostId) {
        return query("SELECT * FROM vm WHERE host_id = ? ORDER BY vm_id", HostStore::vm, hostId);
    }

    public Optional<VmRecord> vm(String vmId) {
        return query("SELECT * FROM vm WHERE vm_id = ?", HostStore::vm, vmId).stream().findFirst();
    }

    public void insertVm(VmRecord vm) {
        update("INSERT INTO vm (vm_id, host_id, name, vcpus, memory_mb, state, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                vm.vmId(), vm.hostId(), vm.name(), vm.vcpus(), vm.memoryMb(), vm.state(), Timestamp.from(vm.startedAt()));
    }

    public Optional<LoggedAnswer> answerFor(String commandId) {
        return query("SELECT answer_type, answer FROM command_log WHERE command_id = ?",
                rs -> new LoggedAnswer(rs.getString(1), rs.getString(2)), commandId).stream().findFirst();
    }

    public void logAnswer(String commandId, LoggedAnswer answer) {
        update("INSERT INTO command_log (command_id, answer_type, answer) VALUES (?, ?, ?)",
                commandId, answer.type(), answer.json());
    }

    private static HostSpec host(ResultSet rs) throws SQLException {
        return new HostSpec(rs.getString("host_id"), rs.getString("name"), rs.getString("windows_server_version"),
                rs.getInt("logical_processors"), rs.getLong("memory_mb"), rs.getLong("root_reserve_mb"));
    }

    private static VmRecord vm(ResultSet rs) throws SQLException {
        return new VmRecord(rs.getString("vm_id"), rs.getString("host_id"), rs.getString("name"), rs.getInt("vcpus"),
                rs.getLong("memory_mb"), rs.getString("state"), rs.getTimestamp("started_at").toInstant());
    }

    private <T> List<T> query(String sql, Sql.Row<T> row, Object... args) {
        return Sql.query(dataSource, sql, row, args);
    }

    private void update(String sql, Object... args) {
        Sql.update(dataSource, sql, args);
    }
}
