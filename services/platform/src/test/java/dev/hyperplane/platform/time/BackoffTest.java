package dev.hyperplane.platform.time;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @ParameterizedTest(name = "after {0} failures wait {1} ms")
    @CsvSource({"0, 200", "1, 200", "2, 400", "3, 800", "5, 3200", "8, 25600", "9, 30000", "40, 30000", "1000, 30000"})
    void the_delay_doubles_from_200_ms_up_to_thirty_seconds(int failures, long millis) {
        assertThat(Backoff.delay(failures).toMillis()).isEqualTo(millis);
    }
}
