package dev.hyperplane.migration.query;

import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** The hosts as inventory announces them: which exist, and which are in maintenance. */
@ApplicationScoped
public class MigrationHosts {

    @Inject
    AgroalDataSource dataSource;

    public void registered(String hostId) {
        Sql.update(dataSource, "INSERT INTO migration_host (host_id) VALUES (?) ON CONFLICT (host_id) DO NOTHING",
                hostId);
    }

    public void maintenance(String hostId, boolean inMaintenance) {
        Sql.update(dataSource, """
                INSERT INTO migration_host (host_id, in_maintenance) VALUES (?, ?)
                ON CONFLICT (host_id) DO UPDATE SET in_maintenance = EXCLUDED.in_maintenance""", hostId, inMaintenance);
    }

    /** Whether the host is in maintenance; empty for a host this service has not heard of. */
    public Optional<Boolean> inMaintenance(String hostId) {
        return Sql.queryOne(dataSource, "SELECT in_maintenance FROM migration_host WHERE host_id = ?",
                rs -> rs.getBoolean(1), hostId);
    }
}
