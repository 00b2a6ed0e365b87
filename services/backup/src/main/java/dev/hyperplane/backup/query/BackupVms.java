package dev.hyperplane.backup.query;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.backup.domain.VmConfig;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The VMs as provisioning announces them: whose, on which host, in which state, with which guest and configuration.
 */
@ApplicationScoped
public class BackupVms {

    /** A VM as this service knows it. */
    public record Vm(String vmId, String tenantId, String name, String hostId, String state, String guestFamily,
                     String guestDistribution, String guestVersion, String spec) {

        /** Its configuration; empty for a VM announced before configurations were kept. */
        public Optional<VmConfig> config() {
            return Optional.ofNullable(spec).map(json -> JsonColumn.read(json, CONFIG));
        }
    }

    static final TypeReference<VmConfig> CONFIG = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    public void requested(String vmId, String tenantId, String name, VmConfig config) {
        GuestOs guest = config.guestOs();
        Sql.update(dataSource, """
                INSERT INTO backup_vm (vm_id, tenant_id, name, state, guest_family, guest_distribution, guest_version,
                    spec)
                VALUES (?, ?, ?, 'Requested', ?, ?, ?, ?::jsonb) ON CONFLICT (vm_id) DO NOTHING""",
                vmId, tenantId, name, guest.family(), guest.distribution(), guest.version(), JsonColumn.write(config));
    }

    /** New processors and memory: the configuration the next restore points keep. */
    public void resized(String vmId, int vcpus, long memoryMb, MemoryPlan memory) {
        find(vmId).flatMap(Vm::config).ifPresent(config -> Sql.update(dataSource,
                "UPDATE backup_vm SET spec = ?::jsonb WHERE vm_id = ?",
                JsonColumn.write(config.resized(vcpus, memoryMb, memory)), vmId));
    }

    /** A new state, and the host when the event names one. */
    public void state(String vmId, String state, String hostId) {
        Sql.update(dataSource, "UPDATE backup_vm SET state = ?, host_id = COALESCE(?, host_id) WHERE vm_id = ?",
                state, hostId, vmId);
    }

    public Optional<Vm> find(String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM backup_vm WHERE vm_id = ?", BackupVms::vm, vmId);
    }

    static Vm vm(ResultSet rs) throws SQLException {
        return new Vm(rs.getString("vm_id"), rs.getString("tenant_id"), rs.getString("name"), rs.getString("host_id"),
                rs.getString("state"), rs.getString("guest_family"), rs.getString("guest_distribution"),
                rs.getString("guest_version"), rs.getString("spec"));
    }
}
