package dev.hyperplane.platform.messaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordRetryTest {

    @ParameterizedTest(name = "attempt {0} waits {1} ms")
    @CsvSource({"1, 200", "2, 400", "3, 800", "5, 3200", "8, 25600", "9, 30000", "40, 30000", "1000, 30000"})
    void the_delay_doubles_up_to_thirty_seconds(int attempts, long millis) {
        assertThat(RecordRetry.delay(attempts).toMillis()).isEqualTo(millis);
    }

    @Test
    void attempts_count_per_record_and_start_again_for_the_next_one() {
        RecordRetry first = RecordRetry.after(null, 17, 1_000);
        RecordRetry second = RecordRetry.after(first, 17, 2_000);
        RecordRetry next = RecordRetry.after(second, 18, 3_000);

        assertThat(first).isEqualTo(new RecordRetry(17, 1, 1_200));
        assertThat(second).isEqualTo(new RecordRetry(17, 2, 2_400));
        assertThat(next).isEqualTo(new RecordRetry(18, 1, 3_200));
    }
}
