package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host restored from a snapshot runs on exactly as the host it was taken of: same events in the same order with
 * the same numbers (its seeded randomness included), same VMs, same free memory. Taken at moments with boots,
 * hot-adds, balloons, a backup, a live migration, a panic and its kdump in flight.
 */
class SnapshotTest {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private static final Guest RHEL_64 = Guest.linux(MATRIX.find("RHEL/CentOS", "6.4").orElseThrow());
    private static final Guest WINDOWS = Guest.windows("2019");

    /** What happens to the host at which second; the clock advances one second between steps. */
    private static final Map<Integer, Consumer<SimulatedHost>> SCRIPT = new TreeMap<>(Map.of(
            0, h -> {
                h.define("web", new VmSpec("web", 2, false, 2, MemorySettings.dynamic(1024, 512, 8192, 20, 50), 1, 1,
                        UBUNTU, Workload.WEB));
                h.define("hog", new VmSpec("hog", 2, false, 4, MemorySettings.dynamic(1024, 512, 16384, 20, 50), 1, 1,
                        UBUNTU, Workload.memoryHog(1024, 6144)));
                h.define("old", new VmSpec("old", 1, false, 1, MemorySettings.fixed(2048), 1, 1, RHEL_64,
                        Workload.DATABASE));
                h.define("win", new VmSpec("win", 2, true, 2, MemorySettings.dynamic(2048, 1024, 8192, 20, 50), 2, 1,
                        WINDOWS, Workload.BATCH));
                List.of("web", "hog", "old", "win").forEach(h::start);
            },
            20, h -> h.setKvp("web", "role", "frontend"),
            40, h -> h.backup("win"),
            45, h -> h.stallHeartbeat("old", true),
            60, h -> h.migrateOut("web", "h2", SimulatedHost.ONE_GBE_MB_PER_S),
            75, h -> h.panic("hog"),
            90, h -> h.setWorkload("win", Workload.DATABASE),
            120, h -> h.stallHeartbeat("old", false),
            150, h -> h.shutDown("win", false)));
    private static final int END = 240;

    @ParameterizedTest(name = "snapshot at {0} s")
    @ValueSource(ints = {0, 1, 5, 41, 61, 62, 76, 77, 150, 151})
    void a_restored_host_runs_on_exactly_as_the_original(int at) {
        List<EngineEvent> original = new ArrayList<>();
        SimulatedHost host = host(original::add);
        run(host, 0, at);
        int before = original.size();
        byte[] snapshot = host.snapshot();

        List<EngineEvent> restoredEvents = new ArrayList<>();
        SimulatedHost restored = SimulatedHost.restore(snapshot, MATRIX, restoredEvents::add);
        run(host, at, END);
        run(restored, at, END);

        assertThat(restored.now()).isEqualTo(host.now());
        assertThat(restoredEvents).isNotEmpty().isEqualTo(original.subList(before, original.size()));
        assertThat(restored.vmIds()).isEqualTo(host.vmIds());
        host.vmIds().forEach(vm -> assertThat(restored.vmView(vm)).isEqualTo(host.vmView(vm)));
        assertThat(restored.freeMemoryMb()).isEqualTo(host.freeMemoryMb());
    }

    @Test
    void a_snapshot_is_small_enough_to_take_often() {
        SimulatedHost host = host(e -> { });
        run(host, 0, 100);
        assertThat(host.snapshot().length).as("bytes for 4 VMs").isLessThan(64 * 1024);
    }

    @Test
    void bytes_that_are_not_a_snapshot_are_refused_so_the_caller_replays_instead() {
        assertThatThrownBy(() -> SimulatedHost.restore(new byte[] {1, 2, 3}, MATRIX, e -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a snapshot");
    }

    private static SimulatedHost host(Consumer<EngineEvent> listener) {
        return new SimulatedHost(new HostSpec("h1", HostVersion.WS2019, 32, 2, 65536, 4096,
                HostSpec.MigrationSettings.DEFAULT), 20261202, MATRIX, listener);
    }

    /** Runs the script's steps from second {@code from} (inclusive) to {@code to} (exclusive). */
    private static void run(SimulatedHost host, int from, int to) {
        for (int second = from; second < to; second++) {
            Consumer<SimulatedHost> step = SCRIPT.get(second);
            if (step != null) {
                step.accept(host);
            }
            host.advance(Duration.ofSeconds(1));
        }
    }
}
