package dev.hyperplane.backup.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's limits: per host and in the fleet, in order, a full host holding back no other. */
class BackupAdmissionTest {

    /**
     * @param queue    space-separated {@code backup@host} in queue order ({@code -} for no host)
     * @param running  space-separated {@code host=n}
     * @param admitted the backups started now, in order
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            two per host                               | 2 | 10 | a@h1 b@h1 c@h1            | ''        | a b
            a full host holds back no other            | 2 | 10 | a@h1 b@h1 c@h2            | h1=2      | c
            what runs counts                           | 2 | 10 | a@h1 b@h1                 | h1=1      | a
            the fleet limit counts every host          | 2 | 3  | a@h1 b@h2 c@h3 d@h4       | h1=1      | a b
            a full fleet starts nothing                | 2 | 3  | a@h1                      | h2=2 h3=1 | ''
            a VM without a host waits                  | 2 | 10 | a@- b@h1                  | ''        | b
            in the order asked for                     | 1 | 10 | c@h1 a@h1 b@h2            | ''        | c b
            nothing queued                             | 2 | 10 | ''                        | h1=2      | ''
            """)
    void starts_what_the_limits_allow_in_order(String name, int perHost, int inFleet, String queue, String running,
                                               String admitted) {
        List<BackupAdmission.Queued> queued = new ArrayList<>();
        for (String q : queue.isBlank() ? new String[0] : queue.trim().split(" +")) {
            String[] f = q.split("@");
            queued.add(new BackupAdmission.Queued(f[0], f[1].equals("-") ? null : f[1]));
        }
        Map<String, Integer> now = new HashMap<>();
        for (String r : running.isBlank() ? new String[0] : running.trim().split(" +")) {
            now.put(r.split("=")[0], Integer.parseInt(r.split("=")[1]));
        }
        List<String> expected = admitted.isBlank() ? List.of() : List.of(admitted.trim().split(" +"));
        assertThat(new BackupAdmission(perHost, inFleet).admit(queued, now))
                .extracting(BackupAdmission.Queued::backupId).containsExactlyElementsOf(expected);
    }
}
