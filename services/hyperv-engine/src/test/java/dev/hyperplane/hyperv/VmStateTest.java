package dev.hyperplane.hyperv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "OFF, STARTING, true",
            "OFF, RUNNING, false",
            "STARTING, OFF, true",
            "RUNNING, OFF, true",
            "RUNNING, SAVING, true",
            "PAUSED, OFF, true",
            "SAVING, OFF, false",     // a save runs to its end (or back to running when it fails)
            "SAVING, RUNNING, true",
            "SAVED, OFF, true",       // turning a saved VM off discards its saved state
            "SAVED, RUNNING, false",  // a saved VM is restored first
            "RESUMING, RUNNING, true",
            "RESUMING, OFF, true",    // a delete right after a quick migration must not wait for the restore
            "STOPPING, OFF, true",
            "STOPPING, RUNNING, false",
            "RESETTING, STARTING, true",
            "RESETTING, OFF, false",
    })
    void a_vm_moves_only_along_hyper_v_transitions(VmState from, VmState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }
}
