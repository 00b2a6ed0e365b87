package dev.hyperplane.migration.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationDeadlinesTest {
    private static final MigrationDeadlines KUBEVIRT_LIKE = new MigrationDeadlines(Duration.ofSeconds(150),
            Duration.ofMinutes(5), Duration.ofSeconds(150));

    @ParameterizedTest(name = "{0} MB: {1} s")
    @CsvSource({
            "512, 300",     // half a GiB would get 75 s: the minimum holds
            "2048, 300",    // 2 GiB: exactly 300 s
            "4096, 600",    // 150 s per GiB
            "16384, 2400",
            "6144, 900",
            "102400, 15000", // 100 GiB
    })
    void the_completion_deadline_grows_with_memory_above_a_minimum(long memoryMb, long seconds) {
        assertThat(KUBEVIRT_LIKE.completionFor(memoryMb)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
