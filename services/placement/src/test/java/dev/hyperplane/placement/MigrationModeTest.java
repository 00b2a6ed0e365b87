package dev.hyperplane.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationModeTest {

    @ParameterizedTest(name = "a VM with mode {0} asked to move {1}: runs {2}, refused: {3}")
    @CsvSource(nullValues = "-", value = {
            // VM mode, requested, runs as, refusal
            "-,     -,     live,  -",
            "live,  -,     live,  -",
            "live,  live,  live,  -",
            "live,  quick, quick, -",
            "quick, -,     quick, -",
            "quick, quick, quick, -",
            "quick, live,  live,  VM vm-1 has migration mode quick: it moves only by quick migration",
            "none,  -,     live,  VM vm-1 has migration mode none: it is never moved",
            "none,  quick, quick, VM vm-1 has migration mode none: it is never moved",
    })
    void a_vm_moves_only_as_its_mode_allows(String vmMode, String requested, String runsAs, String refusal) {
        MigrationMode mode = MigrationMode.of(vmMode);
        assertThat(mode.migrationFor(requested)).isEqualTo(runsAs);
        assertThat(mode.refusal("vm-1", requested).orElse(null)).isEqualTo(refusal);
    }
}
