package dev.hyperplane.migration.query;

import dev.hyperplane.events.capacity.HaReserveChanged;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

import static dev.hyperplane.platform.jdbc.Sql.instant;
import static dev.hyperplane.platform.jdbc.Sql.ts;

/**
 * The fleet's HA reserve as provisioning, the one authority for capacity, last assessed it: shown in the HA status,
 * never computed here. A newer assessment replaces an older one; one that comes again changes nothing.
 */
@ApplicationScoped
public class HaReserves {

    @Inject
    AgroalDataSource dataSource;

    public void assessed(HaReserveChanged e) {
        Sql.update(dataSource, """
                INSERT INTO ha_reserve (fleet, failures_to_tolerate, failures_absorbed, holds, reserve_mb, spare_mb,
                    reason, assessed_at) VALUES ('fleet', ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fleet) DO UPDATE SET failures_to_tolerate = EXCLUDED.failures_to_tolerate,
                    failures_absorbed = EXCLUDED.failures_absorbed, holds = EXCLUDED.holds,
                    reserve_mb = EXCLUDED.reserve_mb, spare_mb = EXCLUDED.spare_mb, reason = EXCLUDED.reason,
                    assessed_at = EXCLUDED.assessed_at
                WHERE ha_reserve.assessed_at <= EXCLUDED.assessed_at""",
                e.failuresToTolerate(), e.failuresAbsorbed(), e.holds(), e.reserveMb(), e.spareMb(), e.reason(),
                ts(e.assessedAt()));
    }

    /** Empty until provisioning published an assessment. */
    public Optional<HaStatusView.Reserve> current() {
        return Sql.queryOne(dataSource, "SELECT * FROM ha_reserve WHERE fleet = 'fleet'",
                rs -> new HaStatusView.Reserve(rs.getInt("failures_to_tolerate"), rs.getInt("failures_absorbed"),
                        rs.getBoolean("holds"), rs.getLong("reserve_mb"), rs.getLong("spare_mb"),
                        rs.getString("reason"), instant(rs.getTimestamp("assessed_at"))));
    }
}
