package dev.hyperplane.memory.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NeedTrendTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                              | slope before | seconds later | need now | same VMs | slope after | rebased
            "rising 1500 MB in 15 s               | 0            | 15            | 11500    | true     | 3000        | true",
            "falling after rising: halfway        | 3000         | 15            | 8500     | true     | -1500       | true",
            "the same sample read again           | 3000         | 3             | 12000    | true     | 3000        | false",
            "a VM arrived: slope kept, base moved | 3000         | 15            | 14000    | false    | 3000        | true",
            "after a gap the slope is stale       | 3000         | 180           | 20000    | true     | 0           | true",
    })
    void the_slope_follows_the_need_of_the_same_vms(String why, double slopeBefore, int later, long needNow,
                                                     boolean sameVms, double slopeAfter, boolean rebased) {
        NeedTrend before = new NeedTrend(T0, 10_000, 42, slopeBefore, 10_000);
        NeedTrend after = before.next(T0.plusSeconds(later), needNow, sameVms ? 42 : 43);

        assertThat(after.mbPerMinute()).isEqualTo(slopeAfter);
        assertThat(after.at()).isEqualTo(rebased ? T0.plusSeconds(later) : T0);
    }

    @Test
    void the_first_round_starts_flat() {
        NeedTrend first = NeedTrend.NONE.next(T0, 5000, 1);
        assertThat(first).isEqualTo(new NeedTrend(T0, 5000, 1, 0, 5000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                  | peak before | seconds later | need now | same VMs | peak after
            "a new high is the peak                  | 12000       | 15            | 13000    | true     | 13000",
            "it fades by half every 10 minutes       | 12000       | 600           | 10000    | true     | 11000",
            "a VM leaving takes its share of the peak | 12000      | 15            | 8000     | false    | 10000",
            "never below the need now                | 9000        | 15            | 11000    | false    | 11000",
    })
    void the_recent_peak_is_what_a_swinging_host_comes_back_to(String why, long peakBefore, int later,
                                                               long needNow, boolean sameVms, long peakAfter) {
        NeedTrend before = new NeedTrend(T0, 10_000, 42, 0, peakBefore);
        // a 10-minute step is past the slope's gap limit: fade over 1-minute rounds instead
        NeedTrend after = later > 120
                ? before.next(T0.plusSeconds(60), 10_000, 42).next(T0.plusSeconds(120), 10_000, 42)
                .next(T0.plusSeconds(180), 10_000, 42).next(T0.plusSeconds(240), 10_000, 42)
                .next(T0.plusSeconds(300), 10_000, 42).next(T0.plusSeconds(360), 10_000, 42)
                .next(T0.plusSeconds(420), 10_000, 42).next(T0.plusSeconds(480), 10_000, 42)
                .next(T0.plusSeconds(540), 10_000, 42).next(T0.plusSeconds(600), needNow, 42)
                : before.next(T0.plusSeconds(later), needNow, sameVms ? 42 : 43);

        assertThat(after.recentPeakMb()).isEqualTo(peakAfter);
    }

    @ParameterizedTest(name = "{1} MB/min over {2} s from {0} MB: {3} MB")
    @CsvSource({"10000, 3000, 60, 13000", "10000, 3000, 0, 10000", "10000, -1500, 120, 7000", "1000, -3000, 60, 0"})
    void the_projection_goes_on_along_the_slope_and_never_below_zero(long need, double slope, int seconds,
                                                                     long projected) {
        assertThat(new NeedTrend(T0, need, 1, slope, need).projectedMb(need, Duration.ofSeconds(seconds)))
                .isEqualTo(projected);
    }
}
