package dev.hyperplane.memory.query;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.guestsupport.GuestHosts;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.memory.domain.GuestMemoryProfile;
import dev.hyperplane.memory.domain.HostHeat;
import dev.hyperplane.memory.domain.NeedTrend;
import dev.hyperplane.memory.domain.HostSnapshot;
import dev.hyperplane.memory.domain.VmSnapshot;
import dev.hyperplane.platform.jdbc.JsonColumn;
import dev.hyperplane.platform.jdbc.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The memory balancer's picture of the fleet, read from its tables: hosts with their latest samples, the VMs with
 * their memory settings and guests, and the control loop's heat per host.
 */
@ApplicationScoped
public class FleetMemory {
    private static final TypeReference<List<HostSample.VmSample>> SAMPLES = new TypeReference<>() { };
    private static final TypeReference<List<String>> FEATURES = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> REASONS = new TypeReference<>() { };

    @Inject
    AgroalDataSource dataSource;

    /**
     * A VM as the fleet knows it.
     *
     * @param startupMb and {@code plan}: the memory it has on its host
     */
    public record Vm(String vmId, String tenantId, GuestOs guestOs, String hostId, long startupMb, MemoryPlan plan,
                     GuestMemoryProfile guest, boolean hotAddFailed, long smartPagingMb,
                     VmSnapshot.PlacementNeeds placement, long approvedMostMb) {
    }

    /**
     * A host with its latest sample (null before the first) and its heat. A host registered before the balancer
     * kept host versions counts as older than WS2016, with no known processor limit.
     */
    public record Host(String hostId, long memoryMb, long capacityMb, boolean available, String windowsServerVersion,
                       int logicalProcessors, HostSample sample, HostHeat heat) {
    }

    public Optional<Vm> vm(String vmId) {
        return Sql.queryOne(dataSource, "SELECT * FROM mb_vm WHERE vm_id = ? AND NOT deleted", FleetMemory::vm,
                vmId);
    }

    /** Live VMs with a host, by id. */
    public Map<String, Vm> placedVms() {
        return Sql.query(dataSource, "SELECT * FROM mb_vm WHERE host_id IS NOT NULL AND NOT deleted",
                FleetMemory::vm).stream().collect(Collectors.toMap(Vm::vmId, Function.identity()));
    }

    /** Every host, with its sample and heat. */
    public List<Host> hosts() {
        return hosts(null);
    }

    public Optional<Host> host(String hostId) {
        return hosts(hostId).stream().findFirst();
    }

    private List<Host> hosts(String onlyHostId) {
        return Sql.query(dataSource, """
                SELECT h.*, s.sim_time_ms, s.free_mb, s.vms, s.sampled_at, t.above_since, t.hot, t.last_decision_at,
                    t.decisions, t.trend_at, t.trend_need_mb, t.trend_membership, t.trend_mb_per_minute,
                    t.trend_peak_mb
                FROM mb_host h LEFT JOIN mb_host_sample s ON s.host_id = h.host_id
                    LEFT JOIN mb_host_heat t ON t.host_id = h.host_id
                WHERE ?::text IS NULL OR h.host_id = ? ORDER BY h.host_id""", rs -> new Host(rs.getString("host_id"),
                rs.getLong("memory_mb"), rs.getLong("capacity_mb"),
                rs.getBoolean("reachable") && !rs.getBoolean("in_maintenance"),
                rs.getString("windows_server_version") == null ? HostVersion.WS2012_R2.label()
                        : HostVersion.canonicalLabel(rs.getString("windows_server_version")),
                rs.getObject("logical_processors") == null ? Integer.MAX_VALUE : rs.getInt("logical_processors"),
                rs.getString("vms") == null ? null : sample(rs),
                rs.getObject("hot") == null ? HostHeat.COOL : new HostHeat(instant(rs, "above_since"),
                        rs.getBoolean("hot"), instant(rs, "last_decision_at"), rs.getInt("decisions"),
                        new NeedTrend(instant(rs, "trend_at"), rs.getLong("trend_need_mb"),
                                rs.getInt("trend_membership"), rs.getDouble("trend_mb_per_minute"),
                                rs.getLong("trend_peak_mb")))),
                onlyHostId, onlyHostId);
    }

    /**
     * The hosts whose sample is at most {@code maxAge} old, with their running VMs; a VM the balancer does not
     * know (created around provisioning) counts as static at what it holds.
     */
    public List<HostSnapshot> snapshots(List<Host> hosts, Map<String, Vm> vms, Instant now, Duration maxAge) {
        return hosts.stream().filter(h -> h.sample() != null && !h.sample().sampledAt().isBefore(now.minus(maxAge)))
                .map(h -> snapshot(h, vms)).toList();
    }

    /** A host with a sample as the balancer sees it: its running VMs. */
    public static HostSnapshot snapshot(Host host, Map<String, Vm> vms) {
        return new HostSnapshot(host.hostId(), host.capacityMb(), host.available(), host.windowsServerVersion(),
                host.logicalProcessors(), host.sample().vms().stream().filter(s -> "Running".equals(s.state()))
                        .map(s -> snapshot(s, vms.get(s.vmId()), host.sample().sampledAt())).toList());
    }

    private static VmSnapshot snapshot(HostSample.VmSample sample, Vm vm, Instant sampledAt) {
        Duration starved = sample.starvedSince() == null ? Duration.ZERO
                : Duration.between(sample.starvedSince(), sampledAt);
        if (vm == null) {
            return new VmSnapshot(sample.vmId(), "", sample.assignedMb(), sample.demandMb(), sample.assignedMb(),
                    MemoryPlan.fixed(sample.assignedMb()), false, starved, false, VmSnapshot.PlacementNeeds.UNKNOWN);
        }
        boolean balloonOnly = vm.plan().enabled() && vm.guest().canBalloon() && !vm.guest().canHotAdd();
        return new VmSnapshot(vm.vmId(), vm.tenantId(), sample.assignedMb(), sample.demandMb(), vm.startupMb(),
                vm.plan(), balloonOnly, starved, vm.hotAddFailed(), vm.placement());
    }

    public void saveHeat(Map<String, HostHeat> heat) {
        heat.forEach((hostId, h) -> Sql.update(dataSource, """
                INSERT INTO mb_host_heat (host_id, above_since, hot, last_decision_at, decisions, trend_at,
                    trend_need_mb, trend_membership, trend_mb_per_minute, trend_peak_mb)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (host_id) DO UPDATE SET above_since = EXCLUDED.above_since, hot = EXCLUDED.hot,
                    last_decision_at = EXCLUDED.last_decision_at, decisions = EXCLUDED.decisions,
                    trend_at = EXCLUDED.trend_at, trend_need_mb = EXCLUDED.trend_need_mb,
                    trend_membership = EXCLUDED.trend_membership, trend_mb_per_minute = EXCLUDED.trend_mb_per_minute,
                    trend_peak_mb = EXCLUDED.trend_peak_mb""",
                hostId, timestamp(h.aboveSince()), h.hot(), timestamp(h.lastDecisionAt()), h.decisions(),
                timestamp(h.trend().at()), h.trend().needMb(), h.trend().membership(), h.trend().mbPerMinute(),
                h.trend().recentPeakMb()));
    }

    private static Vm vm(ResultSet rs) throws SQLException {
        GuestOs os = new GuestOs(rs.getString("guest_family"), rs.getString("guest_distribution"),
                rs.getString("guest_version"), rs.getString("guest_catalog_id"));
        String supported = rs.getString("supported_features");
        String unsupported = rs.getString("unsupported_features");
        GuestMemoryProfile guest = GuestMemoryProfile.of(os,
                supported == null ? null : JsonColumn.read(supported, FEATURES),
                unsupported == null ? Map.of() : JsonColumn.read(unsupported, REASONS), rs.getString("architecture"));
        return new Vm(rs.getString("vm_id"), rs.getString("tenant_id"), os, rs.getString("host_id"),
                rs.getLong("startup_mb"), plan(rs), guest, rs.getBoolean("hot_add_failed"),
                rs.getLong("smart_paging_mb"), new VmSnapshot.PlacementNeeds(rs.getInt("vcpus"),
                GuestHosts.labels(os.family(), os.catalogId(), os.distribution(), os.version(),
                        rs.getBoolean("secure_boot")),
                rs.getString("anti_affinity_group")), rs.getLong("approved_most_mb"));
    }

    /** A memory plan from the columns dynamic, minimum_mb, maximum_mb, buffer_percent, priority. */
    public static MemoryPlan plan(ResultSet rs) throws SQLException {
        return new MemoryPlan(rs.getBoolean("dynamic"), rs.getLong("minimum_mb"), rs.getLong("maximum_mb"),
                rs.getInt("buffer_percent"), rs.getInt("priority"));
    }

    private static HostSample sample(ResultSet rs) throws SQLException {
        return new HostSample(rs.getString("host_id"), rs.getLong("sim_time_ms"), rs.getLong("free_mb"),
                JsonColumn.read(rs.getString("vms"), SAMPLES), rs.getTimestamp("sampled_at").toInstant());
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
