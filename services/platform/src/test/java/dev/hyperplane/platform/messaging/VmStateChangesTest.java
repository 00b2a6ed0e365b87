package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmMoveAbandoned;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmReconciled;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestoreStarted;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmStarted;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class VmStateChangesTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new VmPlaced("vm-1", "h1", T), "Placed", "h1"),
                Arguments.of(new VmStarted("vm-1", "h1", T), "Running", "h1"),
                Arguments.of(new VmFailed("vm-1", "no host", T), "Failed", null),
                Arguments.of(new VmOperationCompleted("vm-1", "op", "stop", "Stopped", T), "Stopped", null),
                Arguments.of(new VmReconciled("vm-1", "state", "h2", "Stopped", "reported off", T), "Stopped", "h2"),
                Arguments.of(new VmReconciled("vm-1", "tear-down", "h3", "Failed", "stale", T), null, null),
                Arguments.of(new VmMoveStarted("vm-1", "m", "h1", "h2", "manual", T), "Moving", null),
                Arguments.of(new VmMoved("vm-1", "m", "h1", "h2", "manual", T), "Running", "h2"),
                Arguments.of(new VmMoveAbandoned("vm-1", "m", "refused", T, "Running"), "Running", null),
                Arguments.of(new VmRestoreStarted("vm-1", "acme", "r", "rp", "h1", "a", T), "Restoring", "h1"),
                Arguments.of(new VmRestored("vm-1", "r", "h1", T), "Running", "h1"),
                Arguments.of(new VmRestoreFailed("vm-1", "acme", "r", "busy", "Running", T), "Running", null),
                Arguments.of(new VmRestoreFailed("vm-2", "acme", "r", "quota", null, T), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void each_vm_event_changes_the_copy_as_provisioning_does(Object event, String state, String hostId) {
        var change = VmStateChanges.of(event);
        if (state == null) {
            assertThat(change).isEmpty();
        } else {
            assertThat(change).hasValueSatisfying(c -> {
                assertThat(c.state()).isEqualTo(state);
                assertThat(c.hostId()).isEqualTo(hostId);
            });
        }
    }
}
