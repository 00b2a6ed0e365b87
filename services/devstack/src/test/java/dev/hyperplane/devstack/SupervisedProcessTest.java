package dev.hyperplane.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SupervisedProcessTest {

    /** A real child process ({@code sleep}), killed the way the tests kill services. */
    @Test
    void a_killed_child_is_started_again_and_one_kept_down_is_not(@TempDir Path dir) {
        SupervisedProcess child = new SupervisedProcess("sleeper", List.of("sleep", "600"), 0,
                () -> true, dir.resolve("sleeper.log"), Optional::empty);
        child.start();
        try {
            long first = child.handle().orElseThrow().pid();
            child.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> child.handle()
                    .map(h -> h.pid() != first).orElse(false));
            assertThat(child.restarts()).isEqualTo(1);

            child.killAndKeepDown();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> child.handle().isEmpty());
            assertThat(child.restarts()).isEqualTo(1);

            child.start();
            assertThat(child.handle()).isPresent();
        } finally {
            child.stop();
        }
        assertThat(child.handle()).isEmpty();
    }

    @ParameterizedTest(name = "restart {0} in a row waits {1} s")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 30", "7, 30", "40, 30", "0, 1"})
    void restarts_back_off_from_one_second_doubling_to_thirty(int crashesInARow, long seconds) {
        assertThat(SupervisedProcess.backoff(crashesInARow)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
