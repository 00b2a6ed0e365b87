package dev.hyperplane.memory.query;

import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The last memory-policy push of each VM ({@code mb_push}) and what its host answered. */
@ApplicationScoped
public class MemoryPushes {

    /** What was last pushed for a VM and what its host answered ({@code sent}, {@code applied}, {@code rejected}). */
    public record Push(String vmId, String commandId, String hostId, String state, String reason, Instant sentAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    public Map<String, Push> byVm() {
        return Sql.query(dataSource, "SELECT * FROM mb_push", MemoryPushes::push).stream()
                .collect(Collectors.toMap(Push::vmId, p -> p));
    }

    public Optional<Push> of(String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM mb_push WHERE vm_id = ?", MemoryPushes::push, vmId);
    }

    /** Recorded before it is sent, so the host's answer always finds the row. */
    public void sent(SetVmMemoryOnHost command, Instant at) {
        Sql.update(dataSource, """
                INSERT INTO mb_push (vm_id, command_id, host_id, state, reason, sent_at) VALUES (?, ?, ?, 'sent', NULL, ?)
                ON CONFLICT (vm_id) DO UPDATE SET command_id = EXCLUDED.command_id, host_id = EXCLUDED.host_id,
                    state = 'sent', reason = NULL, sent_at = EXCLUDED.sent_at""",
                command.vmId(), command.commandId(), command.hostId(), Timestamp.from(at));
    }

    public void applied(String commandId) {
        Sql.update(dataSource, "UPDATE mb_push SET state = 'applied', reason = NULL WHERE command_id = ?", commandId);
    }

    public void rejected(String commandId, String reason) {
        Sql.update(dataSource, "UPDATE mb_push SET state = 'rejected', reason = ? WHERE command_id = ?", reason,
                commandId);
    }

    private static Push push(ResultSet rs) throws SQLException {
        return new Push(rs.getString("vm_id"), rs.getString("command_id"), rs.getString("host_id"),
                rs.getString("state"), rs.getString("reason"), rs.getTimestamp("sent_at").toInstant());
    }
}
