package dev.hyperplane.integrations.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectOrderTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /**
     * Each pending delivery as {@code id:subject:position:dueInSeconds[:flying]}; the expected ids in order.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one due|a:vm-1:1:0|4|a",
            "not yet due|a:vm-1:1:5|4|",
            "a subject's later event waits for its earlier one|a:vm-1:1:0 b:vm-1:2:0|4|a",
            "even when the earlier one waits for its retry|a:vm-1:1:300 b:vm-1:2:0|4|",
            "other subjects do not wait|a:vm-1:1:300 b:vm-2:2:0 c:vm-3:3:0|4|b c",
            "arrival order decides, not the list's|b:vm-1:2:0 a:vm-1:1:0|4|a",
            "the head in flight holds its subject|a:vm-1:1:0:flying b:vm-1:2:0 c:vm-2:3:0|4|c",
            "at most max in flight per subscription|a:vm-1:1:0:flying b:vm-2:2:0 c:vm-3:3:0 d:vm-4:4:0|2|b",
            "none when max are in flight|a:vm-1:1:0:flying b:vm-2:2:0:flying c:vm-3:3:0|2|",
            "oldest first within the limit|d:vm-4:4:0 c:vm-3:3:0 b:vm-2:2:0|2|b c"})
    void only_the_oldest_pending_delivery_of_each_subject_goes_out_once_due(String title, String pending, int max,
                                                                            String expected) {
        List<SubjectOrder.Pending> deliveries = new ArrayList<>();
        for (String spec : pending.split(" ")) {
            String[] f = spec.split(":");
            deliveries.add(new SubjectOrder.Pending(f[0], f[1], Long.parseLong(f[2]),
                    NOW.plusSeconds(Long.parseLong(f[3])), f.length > 4));
        }
        List<String> ids = SubjectOrder.due(deliveries, NOW, max).stream().map(SubjectOrder.Pending::deliveryId)
                .toList();
        assertThat(ids).isEqualTo(expected == null ? List.of() : Arrays.asList(expected.split(" ")));
    }
}
