package dev.hyperplane.systemtests;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The never-twice checker on reported changes. Each row is one VM's changes, {@code host:state@millis} (or
 * {@code host:migrated>destination@millis}), in the order reported, and the overlaps expected.
 */
class NeverTwiceTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one host, started and stopped      | a:Starting@0 a:Running@10 a:Off@50                                   | 0",
            "restarted elsewhere after the fence | a:Running@0 a:Off@100 b:Starting@150 b:Running@160                   | 0",
            "restarted elsewhere before the fence| a:Running@0 b:Starting@90 b:Running@95 a:Off@100                    | 1",
            "old copy started again after healing| a:Running@0 a:Off@100 b:Running@150 a:Starting@300 a:Running@310     | 1",
            "still running on both               | a:Running@0 b:Running@10                                             | 1",
            "live migration on one agent: the destination starts a few ms before the source reports the hand-off"
                    + "| a:Running@0 b:Running@100 a:Off@103 a:migrated>b@103                                        | 0",
            "live migration reported migrated before Off"
                    + "| a:Running@0 b:Running@100 a:migrated>b@102 a:Off@103                                        | 0",
            "between agents: the source lets go first"
                    + "| a:Running@0 a:Off@100 a:migrated>b@100 b:Running@140                                        | 0",
            "a destination started long before the hand-off is no hand-off"
                    + "| a:Running@0 b:Running@50 a:Off@1103 a:migrated>b@1103                                       | 1",
            "a hand-off to another host does not excuse a copy here"
                    + "| a:Running@0 c:Running@90 b:Running@100 a:Off@103 a:migrated>b@103                           | 2",
            "quick migration: saved, then resumed elsewhere"
                    + "| a:Running@0 a:Saving@50 a:Saved@80 b:Saved@90 b:Resuming@95 b:Running@120 a:Off@130          | 0",
            "paused on one host, running on another | a:Running@0 a:Paused@10 b:Running@20                          | 1",
            "back and forth, never together      | a:Running@0 a:Off@10 b:Running@20 b:Off@30 a:Running@40             | 0",
    })
    void overlapping_active_intervals_of_one_vm_on_two_hosts_are_found(String name, String changes, int overlaps) {
        List<NeverTwice.Change> reported = new ArrayList<>();
        for (String change : changes.trim().split("\\s+")) {
            String host = change.substring(0, change.indexOf(':'));
            String what = change.substring(change.indexOf(':') + 1, change.indexOf('@'));
            String when = change.substring(change.indexOf('@') + 1);
            if (what.startsWith("migrated>")) {
                reported.add(NeverTwice.Change.migratedAway("vm-1", host, what.substring("migrated>".length()),
                        T0.plusMillis(Long.parseLong(when))));
            } else {
                reported.add(NeverTwice.Change.state("vm-1", host, what, T0.plusMillis(Long.parseLong(when))));
            }
        }
        assertThat(NeverTwice.overlaps(reported)).as(name).hasSize(overlaps);
    }
}
