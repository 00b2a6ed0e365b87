package dev.hyperplane.memory.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HysteresisTest {
    private static final Hysteresis H = new Hysteresis(90, 10, Duration.ofSeconds(30));
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cool host warming for less than the hold stays cool | false | 95 | 15 | false
            cool host above threshold for the hold turns hot    | false | 95 | 30 | true
            hot host inside the band stays hot                  | true  | 85 | 15 | true
            hot host at the cool edge cools                     | true  | 80 | 15 | false
            cool host inside the band stays cool                | false | 85 | 60 | false
            """)
    void turns_hot_and_cool_only_past_its_edges(String why, boolean hotBefore, int pressure, int secondsLater,
                                                 boolean hotAfter) {
        HostHeat before = hotBefore ? new HostHeat(T0, true, null, 0) : H.next(HostHeat.COOL, 95, T0);
        HostHeat after = H.next(before, pressure, T0.plusSeconds(secondsLater));

        assertThat(after.hot()).isEqualTo(hotAfter);
    }

    @Test
    void a_warming_host_that_dips_below_the_threshold_starts_its_hold_again() {
        HostHeat heat = H.next(HostHeat.COOL, 95, T0);
        heat = H.next(heat, 88, T0.plusSeconds(20));
        heat = H.next(heat, 95, T0.plusSeconds(25));

        assertThat(H.next(heat, 95, T0.plusSeconds(45)).hot()).isFalse();
        assertThat(H.next(heat, 95, T0.plusSeconds(55)).hot()).isTrue();
    }

    @ParameterizedTest(name = "noise of +-{1} around {0} %")
    @CsvSource({"90, 9", "80, 9", "85, 4", "95, 14"})
    void noisy_pressure_changes_the_state_at_most_once_in_100_rounds(int centre, int noise) {
        Random random = new Random(42L * centre + noise);
        HostHeat heat = HostHeat.COOL;
        int flips = 0;
        boolean hot = false;
        for (int round = 0; round < 100; round++) {
            int pressure = centre - noise + random.nextInt(2 * noise + 1);
            heat = H.next(heat, pressure, T0.plusSeconds(15L * round));
            if (heat.hot() != hot) {
                flips++;
                hot = heat.hot();
            }
        }
        // a band of 10 points and a 30 s hold: noise narrower than the band never flips back
        assertThat(flips).isLessThanOrEqualTo(1);
    }

    @Test
    void refuses_a_margin_as_wide_as_the_threshold() {
        assertThatThrownBy(() -> new Hysteresis(80, 80, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
