package dev.hyperplane.platform.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordRetryTest {

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
