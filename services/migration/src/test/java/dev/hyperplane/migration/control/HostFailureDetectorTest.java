package dev.hyperplane.migration.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** When a host's silence shows in the telemetry stream's own time, the condition for fencing it. */
class HostFailureDetectorTest {
    private static final Instant T = Instant.parse("2026-12-03T17:45:50Z");

    @ParameterizedTest(name = "last report {0} s, newest {1} s: {2}")
    @CsvSource(nullValues = "never", value = {
            "0, 10, true",       // another host reported 10 s later: silent in the stream
            "0, 9, false",       // within the limit
            "0, never, false",   // nothing read at all
            "never, 10, false",  // never heard from: named by its agent, its first report not read yet (the
            //                      CI failure of 2026-12-03: three hosts fenced while the devstack started)
            "5, 5, false"})      // it is the newest itself
    void a_host_is_silent_only_against_what_others_reported_after_it(Integer last, Integer newest, boolean silent) {
        assertThat(HostFailureDetector.silentInTheStream(last == null ? null : T.plusSeconds(last),
                newest == null ? null : T.plusSeconds(newest), Duration.ofSeconds(9))).isEqualTo(silent);
    }
}
