package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host restored from its snapshot and given the tail of its log is the host a full replay gives: the same
 * events under the same ids, the same answers to the commands that were still waiting, the same VMs.
 */
class EngineHostSnapshotTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final HostDefinition SPEC = new HostDefinition("h1", "h1", "2016", 32, 131072, 4096);
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private static final VmSpec WEB = new VmSpec("web", 2, false, 2, MemorySettings.dynamic(1024, 512, 8192, 20, 50),
            1, 1, UBUNTU, Workload.WEB);
    private static final VmSpec DB = new VmSpec("db", 2, false, 4, MemorySettings.fixed(4096), 1, 1, UBUNTU,
            Workload.DATABASE);

    /** Commands by simulated second. */
    private static final Map<Integer, Consumer<EngineHost>> LOG = new TreeMap<>(Map.of(
            2, h -> h.apply(new EngineCommand.CreateVm("web-1", WEB, "cmd-1")),
            3, h -> h.apply(new EngineCommand.CreateVm("db-1", DB, "cmd-2")),
            40, h -> h.apply(new EngineCommand.SetKvp("web-1", "role", "frontend", "cmd-3")),
            50, h -> h.apply(new EngineCommand.Power("db-1", "shut-down", "cmd-4")),
            70, h -> h.apply(new EngineCommand.Backup("web-1", "cmd-5")),
            90, h -> h.apply(new EngineCommand.Power("db-1", "start", "cmd-6")),
            91, h -> h.apply(new EngineCommand.StallHeartbeat("web-1", true))));
    private static final int END = 180;

    @ParameterizedTest(name = "snapshot at {0} s")
    @ValueSource(ints = {1, 2, 3, 10, 51, 71, 92, 93})
    void snapshot_and_tail_give_what_the_whole_log_gives(int at) {
        EngineHost original = new EngineHost(SPEC, 7, MATRIX, 0);
        run(original, 0, at);
        Acknowledge.all(original);
        EngineHost.Snapshot snapshot = original.snapshot().orElseThrow();

        EngineHost restored = new EngineHost(SPEC, 7, MATRIX, 0);
        restored.start(7, snapshot, MATRIX);
        run(original, at, END);
        run(restored, at, END);

        assertThat(ids(restored.unpublished())).isNotEmpty().isEqualTo(ids(original.unpublished()));
        assertThat(types(restored.unpublished())).isEqualTo(types(original.unpublished()));
        assertThat(restored.unsentAnswers()).extracting(a -> a.getClass().getSimpleName() + " " + a.commandId())
                .isEqualTo(original.unsentAnswers().stream().map(a -> a.getClass().getSimpleName() + " "
                        + a.commandId()).toList());
        assertThat(restored.engine().vmIds()).isEqualTo(original.engine().vmIds());
        original.engine().vmIds().forEach(vm ->
                assertThat(restored.engine().vmView(vm)).isEqualTo(original.engine().vmView(vm)));
    }

    @Test
    void a_command_still_waiting_at_the_snapshot_is_answered_after_the_restore() {
        EngineHost original = new EngineHost(SPEC, 7, MATRIX, 0);
        run(original, 0, 3);
        LOG.get(3).accept(original); // cmd-2 creates db-1, which runs a second later
        Acknowledge.all(original);
        assertThat(original.awaits("db-1", "cmd-2")).isTrue();

        EngineHost restored = new EngineHost(SPEC, 7, MATRIX, 0);
        restored.start(7, original.snapshot().orElseThrow(), MATRIX);
        restored.advanceTo(30_000);

        assertThat(restored.unsentAnswers()).extracting(AgentAnswer::commandId).containsExactly("cmd-2");
    }

    @Test
    void no_snapshot_while_events_or_answers_are_unacknowledged() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        run(host, 0, 30);
        assertThat(host.snapshot()).isEmpty();
        Acknowledge.all(host);
        assertThat(host.snapshot()).isPresent();
        host.markStale();
        assertThat(host.snapshot()).as("an engine that may be ahead of its log").isEmpty();
    }

    @Test
    void a_snapshot_is_due_after_so_many_commands_or_so_much_simulated_time() {
        EngineHost host = new EngineHost(SPEC, 7, MATRIX, 0);
        assertThat(host.snapshotDue(3, 60_000)).isFalse();
        host.logged(3);
        assertThat(host.snapshotDue(3, 60_000)).isTrue();
        Acknowledge.all(host);
        host.snapshotTaken(host.snapshot().orElseThrow());
        assertThat(host.snapshotDue(3, 60_000)).isFalse();
        host.advanceTo(60_000);
        assertThat(host.snapshotDue(3, 60_000)).isTrue();
    }

    private static void run(EngineHost host, int fromSecond, int toSecond) {
        for (int second = fromSecond; second < toSecond; second++) {
            host.advanceTo(second * 1_000L);
            Consumer<EngineHost> command = LOG.get(second);
            if (command != null) {
                command.accept(host);
            }
        }
        host.advanceTo(toSecond * 1_000L);
    }

    private static List<String> ids(List<EngineHost.Outgoing> events) {
        return events.stream().map(EngineHost.Outgoing::id).toList();
    }

    private static List<String> types(List<EngineHost.Outgoing> events) {
        return events.stream().map(o -> o.event().getClass().getSimpleName()).toList();
    }
}
