package dev.hyperplane.provisioning.query;

import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The size each VM's host reports it runs with, beside what provisioning approved (both in {@code vm_view}).
 * Only the host the VM is recorded on is listened to, and only a report newer on that host's clock than the last,
 * so a redelivered or replayed report changes nothing.
 */
@ApplicationScoped
public class HostReportedSizes {

    @Inject
    AgroalDataSource dataSource;

    public void record(VmSettingsChangedOnHost report) {
        Sql.update(dataSource, """
                UPDATE vm_view SET host_vcpus = ?, host_memory_mb = ?, host_maximum_mb = ?, host_size_sim_ms = ?
                WHERE vm_id = ? AND host_id = ? AND (host_size_sim_ms IS NULL OR host_size_sim_ms <= ?)""",
                report.vcpus(), report.memoryMb(), report.memory() != null && report.memory().enabled()
                        ? report.memory().maximumMb() : null,
                report.simTimeMs(), report.vmId(), report.hostId(), report.simTimeMs());
    }
}
