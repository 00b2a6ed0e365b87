package dev.hyperplane.migration.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationPolicyTest {

    @ParameterizedTest(name = "{0} after pass {1}: {2} ms")
    @CsvSource({
            "minimal-downtime, 1, 100", "minimal-downtime, 2, 150", "minimal-downtime, 3, 200",
            "minimal-downtime, 4, 300", "minimal-downtime, 5, 400", "minimal-downtime, 6, 500",
            "minimal-downtime, 9, 500", // the last step holds; the engine aborts after it (no stop-and-copy)
            "minimal-downtime, 0, 100", // before the first pass: what pass 1 will be judged against
            "suspend-workload-if-needed, 1, 150", "suspend-workload-if-needed, 5, 500",
            "suspend-workload-if-needed, 7, 500",
    })
    void the_downtime_ladder(String policy, int pass, long allowedMs) {
        assertThat(MigrationPolicy.of(policy).orElseThrow().allowedAfterPass(pass)).isEqualTo(allowedMs);
    }

    @ParameterizedTest(name = "{0}: final stop-and-copy {1} ms, {2} per host")
    @CsvSource({"minimal-downtime, 0, 2", "suspend-workload-if-needed, 5000, 1"})
    void what_each_policy_does_at_the_end_and_how_many_a_host_runs(String policy, long finalMs, int perHost) {
        MigrationPolicy p = MigrationPolicy.of(policy).orElseThrow();
        assertThat(p.finalStopAndCopyMs()).isEqualTo(finalMs);
        assertThat(p.perHost()).isEqualTo(perHost);
        assertThat(p.stallWindow()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"post-copy", "MINIMAL-DOWNTIME", "''"})
    void an_unknown_policy_is_none(String id) {
        assertThat(MigrationPolicy.of(id)).isEmpty();
    }
}
