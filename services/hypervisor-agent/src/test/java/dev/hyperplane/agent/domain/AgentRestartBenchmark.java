package dev.hyperplane.agent.domain;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.Workload;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's goal for restart time: an agent whose hosts have 1,000,000 logged engine commands serves again
 * within 30 s. Builds 100 hosts with 20 VMs each and 10,000 commands each over 12 simulated hours, through the
 * real engine, logged and snapshotted as the agent does (every 500 commands or 60 simulated seconds), in the real
 * database; then rebuilds every host as a restarted agent does, and replays a few hosts' whole logs for
 * comparison. Report in target/agent-restart-benchmark.md. Run with -Pbench.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_bench"))
class AgentRestartBenchmark {
    private static final int HOSTS = Integer.getInteger("bench.hosts", 100);
    private static final int COMMANDS_PER_HOST = Integer.getInteger("bench.commands-per-host", 10_000);
    private static final int VMS_PER_HOST = 20;
    /** 10,000 commands over 12 simulated hours: replay time grows with simulated time as much as with commands. */
    private static final long SIM_MS_PER_COMMAND = Long.getLong("bench.sim-ms-per-command", 4_320);
    private static final int FULL_REPLAY_SAMPLE = 3;
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());

    @Inject
    HostStore store;
    @Inject
    ReplayLog replayLog;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void an_agent_with_a_million_logged_commands_serves_again_within_30_s() throws Exception {
        long started = System.nanoTime();
        for (int h = 0; h < HOSTS; h++) {
            build("bench-host-%03d".formatted(h), h);
        }
        double buildS = seconds(started);
        long logged = QuarkusTransaction.requiringNew().call(() -> dev.hyperplane.platform.jdbc.Sql.queryOne(
                dataSource, "SELECT count(*) FROM engine_command WHERE host_id LIKE 'bench-host-%'",
                rs -> rs.getLong(1)).orElseThrow());

        // the restart: every host of the agent rebuilt from its snapshot and the log after it
        List<HostStore.HostRow> rows = QuarkusTransaction.requiringNew().call(() -> store.hosts("bench"));
        long restartStarted = System.nanoTime();
        List<EngineHost> rebuilt = new ArrayList<>();
        for (HostStore.HostRow row : rows) {
            rebuilt.add(replayLog.rebuild(row, MATRIX));
        }
        double restartS = seconds(restartStarted);
        long vms = rebuilt.stream().mapToLong(h -> h.engine().vmIds().size()).sum();

        // without snapshots: a few hosts replayed from their seed
        long fullStarted = System.nanoTime();
        for (HostStore.HostRow row : rows.subList(0, FULL_REPLAY_SAMPLE)) {
            EngineHost host = new EngineHost(row.spec(), row.seed(), MATRIX, row.publishedSeq());
            List<HostStore.LoggedCommand> log = QuarkusTransaction.requiringNew()
                    .call(() -> store.commands(row.spec().hostId(), 0));
            for (HostStore.LoggedCommand command : log) {
                host.advanceTo(command.simTimeMs());
                host.apply(ReplayLog.command(command.json()));
            }
            host.advanceTo(row.simTimeMs());
            assertThat(host.engine().vmIds()).isEqualTo(rebuilt.get(rows.indexOf(row)).engine().vmIds());
        }
        double fullPerHostS = seconds(fullStarted) / FULL_REPLAY_SAMPLE;

        String report = """
                # Agent restart benchmark

                %d hosts, %d VMs each, %,d engine commands logged over %.0f simulated hours per host, snapshotted
                as the agent does (every %d commands or %d simulated seconds). Real PostgreSQL (embedded), one JVM.

                | | |
                |---|---|
                | logged engine commands | %,d |
                | building them through the engine, logging and snapshotting | %.1f s |
                | **restart: every host restored from its snapshot plus the log after it** | **%.2f s** |
                | VMs running again after the restart | %d |
                | whole-log replay of one host (%d sampled) | %.2f s |
                | whole-log replay of all hosts, extrapolated | %.0f s |

                Goal: the agent serves again within 30 s (its Quarkus start adds about 2 s to the restart above).
                """.formatted(HOSTS, VMS_PER_HOST, COMMANDS_PER_HOST, COMMANDS_PER_HOST * SIM_MS_PER_COMMAND / 3.6e6,
                500, 60, logged, buildS, restartS, vms, FULL_REPLAY_SAMPLE, fullPerHostS, fullPerHostS * HOSTS);
        System.out.println(report);
        Files.writeString(Path.of("target", "agent-restart-benchmark.md"), report);

        assertThat(logged).isEqualTo((long) HOSTS * COMMANDS_PER_HOST);
        assertThat(vms).isEqualTo((long) HOSTS * VMS_PER_HOST);
        assertThat(restartS).as("seconds to rebuild every host").isLessThan(28);
    }

    /** One host: its VMs created and started, then KVP writes and power cycles, logged in batches of 500. */
    private void build(String hostId, int index) throws Exception {
        HostDefinition spec = new HostDefinition(hostId, hostId, "2019", 64, 524288, 8192);
        QuarkusTransaction.requiringNew().run(() -> store.ensureHost("bench", spec, 1_000 + index));
        EngineHost host = new EngineHost(spec, 1_000 + index, MATRIX, 0);
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < COMMANDS_PER_HOST; i++) {
            host.advanceTo(i * SIM_MS_PER_COMMAND);
            EngineCommand command = command(i);
            host.apply(command);
            batch.add(new Object[] {host.simTimeMs(), ReplayLog.json(command)});
            if (batch.size() == 500 || i == COMMANDS_PER_HOST - 1) {
                long last = insert(hostId, batch);
                batch.clear();
                host.logged(last);
                acknowledge(host);
                replayLog.snapshotIfDue(host);
            }
        }
        host.advanceTo(COMMANDS_PER_HOST * SIM_MS_PER_COMMAND);
        acknowledge(host);
    }

    private static EngineCommand command(int i) {
        if (i < VMS_PER_HOST) {
            return new EngineCommand.CreateVm("vm-" + i, new VmSpec("vm-" + i, 2, false, 2,
                    i % 2 == 0 ? MemorySettings.fixed(2048) : MemorySettings.dynamic(1024, 512, 4096, 20, 50), 1, 1,
                    UBUNTU, Workload.PROFILES.get(i % 4)), "c-" + i);
        }
        String vm = "vm-" + (i % VMS_PER_HOST);
        return switch (i % 100) {
            case 37 -> new EngineCommand.Power(vm, "turn-off", "c-" + i);
            case 38 -> new EngineCommand.Power("vm-" + ((i - 1) % VMS_PER_HOST), "start", "c-" + i);
            default -> new EngineCommand.SetKvp(vm, "k" + (i % 7), "v" + i, "c-" + i);
        };
    }

    private long insert(String hostId, List<Object[]> rows) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO engine_command (host_id, sim_time_ms, command) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        }
        sql.append(" RETURNING seq");
        long last = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Object[] row : rows) {
                ps.setString(p++, hostId);
                ps.setLong(p++, (Long) row[0]);
                ps.setString(p++, (String) row[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = Math.max(last, rs.getLong(1));
                }
            }
        }
        return last;
    }

    private void acknowledge(EngineHost host) {
        long last = Acknowledge.all(host);
        QuarkusTransaction.requiringNew().run(() -> store.saveProgress(host.spec().hostId(), host.simTimeMs(), last));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
