package dev.hyperplane.agent.domain;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.Workload;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.RetentionPruner;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Snapshots in the agent's real database: a host rebuilt from its snapshot and the log after it is the host a
 * replay of its whole log gives; a command whose log row does not commit leaves no trace in the engine; log
 * rows a snapshot includes are pruned after the retention, others never.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_test"))
class EngineSnapshotsTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());

    @Inject
    HostStore store;
    @Inject
    ReplayLog replayLog;
    @Inject
    EngineFleet fleet;
    @Inject
    RetentionPruner pruner;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_host_rebuilt_from_its_snapshot_and_the_tail_is_the_host_its_whole_log_gives() {
        HostDefinition spec = new HostDefinition("snap-h1", "snap-h1", "2016", 32, 131072, 4096);
        QuarkusTransaction.requiringNew().run(() -> store.ensureHost("snap-test", spec, 11));
        EngineHost host = replayLog.rebuild(row("snap-h1"), MATRIX);
        for (int i = 0; i < 12; i++) { // 12 VMs over 2 simulated minutes: the snapshot falls in the middle
            host.advanceTo(i * 10_000L);
            logged(host, new EngineCommand.CreateVm("vm-" + i, vm(i), "cmd-create-" + i));
            logged(host, new EngineCommand.SetKvp("vm-" + (i / 2), "step", "s" + i, "cmd-kvp-" + i));
            if (i == 7) {
                acknowledge(host);
                replayLog.snapshotIfDue(host); // 70 s simulated since the start: due
            }
        }
        host.advanceTo(150_000);
        acknowledge(host);
        long commandsAfterSnapshot = QuarkusTransaction.requiringNew().call(() -> store.commands("snap-h1",
                store.snapshot("snap-h1").orElseThrow().commandSeq())).size();

        EngineHost fromSnapshot = replayLog.rebuild(row("snap-h1"), MATRIX);
        Sql.update(dataSource, "DELETE FROM engine_snapshot WHERE host_id = 'snap-h1'");
        EngineHost fromWholeLog = replayLog.rebuild(row("snap-h1"), MATRIX);

        assertThat(commandsAfterSnapshot).as("commands a restart replays").isEqualTo(8);
        assertThat(fromSnapshot.simTimeMs()).isEqualTo(150_000).isEqualTo(fromWholeLog.simTimeMs());
        assertThat(fromSnapshot.engine().vmIds()).hasSize(12).isEqualTo(fromWholeLog.engine().vmIds())
                .isEqualTo(host.engine().vmIds());
        host.engine().vmIds().forEach(vm -> {
            assertThat(fromSnapshot.engine().vmView(vm)).isEqualTo(host.engine().vmView(vm));
            assertThat(fromWholeLog.engine().vmView(vm)).isEqualTo(host.engine().vmView(vm));
        });
        // both number the next events alike, after the acknowledged ones
        for (EngineHost rebuilt : List.of(host, fromSnapshot, fromWholeLog)) {
            rebuilt.apply(new EngineCommand.Power("vm-0", "turn-off", "cmd-off"));
        }
        assertThat(fromSnapshot.unpublished()).extracting(EngineHost.Outgoing::id).isNotEmpty()
                .isEqualTo(host.unpublished().stream().map(EngineHost.Outgoing::id).toList())
                .isEqualTo(fromWholeLog.unpublished().stream().map(EngineHost.Outgoing::id).toList());
    }

    /**
     * The defect: the agent changed the engine, then the log row's transaction failed. The VM ran in memory but
     * not in the log, and a redelivered create was taken as "already under way" and never logged: after a
     * restart the VM was gone, and event numbers shifted.
     */
    @Test
    void a_command_whose_log_row_does_not_commit_leaves_no_trace_and_is_applied_again_when_redelivered() {
        String vmId = "refused-by-the-database-1";
        Sql.update(dataSource, """
                CREATE OR REPLACE FUNCTION refuse_marked_commands() RETURNS trigger AS $$
                BEGIN
                    IF NEW.command LIKE '%refused-by-the-database%' THEN RAISE EXCEPTION 'the log write failed'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        Sql.update(dataSource, "CREATE TRIGGER refuse_marked BEFORE INSERT ON engine_command FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_marked_commands()");
        CreateVmOnHost create = new CreateVmOnHost("cmd-" + vmId, "agent-1-host-04", vmId, "web-1", 1, 1024,
                new GuestOs("linux", "Ubuntu", "20.04 LTS"), 1, false, MemoryPlan.fixed(1024));
        try {
            assertThatThrownBy(() -> fleet.apply(create)).hasStackTraceContaining("the log write failed");
            assertThat(fleet.vm("agent-1-host-04", vmId)).as("what the log does not hold").isEmpty();
        } finally {
            Sql.update(dataSource, "DROP TRIGGER refuse_marked ON engine_command");
        }

        assertThat(fleet.apply(create)).as("waits for the VM to run").isEmpty();

        assertThat(Sql.queryOne(dataSource, "SELECT count(*) FROM engine_command WHERE command LIKE ?",
                rs -> rs.getLong(1), "%" + vmId + "%")).contains(1L);
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.vm("agent-1-host-04", vmId)
                .map(vm -> vm.state().name()).orElse("").equals("RUNNING"));
    }

    @Test
    void log_rows_a_snapshot_includes_are_pruned_after_the_retention_and_no_others() {
        HostDefinition covered = new HostDefinition("snap-prune-1", "snap-prune-1", "2016", 32, 131072, 4096);
        HostDefinition uncovered = new HostDefinition("snap-prune-2", "snap-prune-2", "2016", 32, 131072, 4096);
        QuarkusTransaction.requiringNew().run(() -> {
            store.ensureHost("snap-test", covered, 1);
            store.ensureHost("snap-test", uncovered, 2);
        });
        Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(15)));
        long first = oldRow("snap-prune-1", old);
        long second = oldRow("snap-prune-1", old);
        long notYetInSnapshot = oldRow("snap-prune-1", old);
        long noSnapshot = oldRow("snap-prune-2", old);
        QuarkusTransaction.requiringNew().run(() -> store.saveSnapshot("snap-prune-1",
                new HostStore.StoredSnapshot(second, 0, 0, "{}", new EngineHost(covered, 1, MATRIX, 0).snapshot()
                        .orElseThrow().engine())));

        assertThat(pruner.prune(Instant.now())).containsKey("engine_command");

        assertThat(Sql.query(dataSource, "SELECT seq FROM engine_command WHERE seq IN (?, ?, ?, ?) ORDER BY seq",
                rs -> rs.getLong(1), first, second, notYetInSnapshot, noSnapshot))
                .containsExactly(notYetInSnapshot, noSnapshot);
    }

    private long oldRow(String hostId, Timestamp at) {
        return Sql.queryOne(dataSource, "INSERT INTO engine_command (host_id, sim_time_ms, command, logged_at) "
                + "VALUES (?, 0, '{}', ?) RETURNING seq", rs -> rs.getLong(1), hostId, at).orElseThrow();
    }

    private static VmSpec vm(int i) {
        return new VmSpec("vm-" + i, 2, false, 2, i % 2 == 0 ? MemorySettings.fixed(2048)
                : MemorySettings.dynamic(1024, 512, 4096, 20, 50), 1, 1, UBUNTU,
                Workload.PROFILES.get(i % (Workload.PROFILES.size() - 1)));
    }

    /** What the agent does with an accepted command: applies and logs it in one transaction. */
    private void logged(EngineHost host, EngineCommand command) {
        QuarkusTransaction.requiringNew().run(() -> {
            host.apply(command);
            replayLog.record(host, command);
        });
    }

    /** Kafka acknowledged all the host reported: its progress is saved. */
    private void acknowledge(EngineHost host) {
        long last = Acknowledge.all(host);
        QuarkusTransaction.requiringNew().run(() -> store.saveProgress(host.spec().hostId(), host.simTimeMs(), last));
    }

    private HostStore.HostRow row(String hostId) {
        return QuarkusTransaction.requiringNew().call(() -> store.host(hostId)).orElseThrow();
    }
}
