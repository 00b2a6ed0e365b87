package dev.hyperplane.migration.domain;

import java.time.Duration;

/**
 * When a migration must be over: a completion deadline proportional to the VM's memory (KubeVirt allows 150 s per
 * GiB), never shorter than a minimum, and a no-progress timeout that each finished pass resets. Past either, the
 * migration is cancelled on its host and ends failed: a migration never runs forever.
 */
public record MigrationDeadlines(Duration perGiB, Duration minimum, Duration noProgress) {

    public Duration completionFor(long memoryMb) {
        Duration proportional = Duration.ofMillis(perGiB.toMillis() * memoryMb / 1024);
        return proportional.compareTo(minimum) < 0 ? minimum : proportional;
    }
}
