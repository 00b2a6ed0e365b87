package dev.hyperplane.migration.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimitsTest {

    /**
     * Each migration is written {@code id:source>destination/policyPerHost} ({@code -} for a host not known yet);
     * the running ones and the queue (in request order) are separated by spaces.
     */
    @ParameterizedTest(name = "[{index}] {0} per host, {1} in the fleet; running [{2}], queued [{3}] -> start [{4}]")
    @CsvSource(delimiter = '|', nullValues = "~", value = {
            // per host | fleet | running | queued | admitted
            "2 | 5 | ~ | a:h1>h2/2 | a",
            "2 | 5 | ~ | a:h1>-/2 b:h1>-/2 c:h1>-/2 | a b",
            "2 | 5 | x:h1>h2/2 | a:h1>-/2 b:h1>-/2 | a",
            "2 | 5 | x:h1>h2/2 y:h3>h1/2 | a:h1>-/2 | ~",
            // the destination counts as much as the source
            "2 | 5 | x:h3>h1/2 y:h4>h1/2 | a:h2>h1/2 b:h5>-/2 | b",
            // no overtaking on a shared host, even when only the other host holds the earlier one back: otherwise
            // later migrations from h2 could keep a waiting forever
            "2 | 5 | x:h3>h1/2 y:h4>h1/2 | a:h2>h1/2 b:h2>-/2 | ~",
            // a policy that wants its host to itself: it waits for the host to empty, and nothing joins it
            "2 | 5 | x:h1>h2/2 | a:h1>-/1 | ~",
            "2 | 5 | x:h1>h2/1 | a:h1>-/2 | ~",
            "2 | 5 | ~ | a:h1>-/1 b:h1>-/2 | a",
            "2 | 5 | x:h1>h2/1 | a:h3>h4/1 | a",
            // order per host: b may not overtake a on h1, but c on other hosts starts
            "2 | 5 | x:h1>h9/2 | a:h1>-/1 b:h1>-/2 c:h2>h3/2 | c",
            // ... and a later migration touching a host of a waiting one waits too
            "2 | 5 | x:h1>h9/2 | a:h1>h2/1 b:h2>h3/2 c:h4>-/2 | c",
            // the fleet limit stops everything, in order
            "2 | 3 | x:h1>h2/2 | a:h3>-/2 b:h4>-/2 c:h5>-/2 | a b",
            "2 | 1 | x:h1>h2/2 | a:h3>-/2 | ~",
            // a host limit of 1 from configuration
            "1 | 5 | ~ | a:h1>-/2 b:h1>-/2 c:h2>-/2 | a c",
            // a VM on no known host is held back by nothing but the fleet
            "2 | 5 | x:h1>h2/1 | a:->-/2 | a",
    })
    void queued_migrations_start_in_order_within_the_limits(int perHost, int inFleet, String running, String queued,
                                                            String admitted) {
        assertThat(new ConcurrencyLimits(perHost, inFleet).admit(parse(running), parse(queued)))
                .containsExactlyElementsOf(admitted == null ? List.of() : List.of(admitted.split(" ")));
    }

    @Test
    void limits_below_one_are_refused() {
        assertThatThrownBy(() -> new ConcurrencyLimits(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConcurrencyLimits(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ConcurrencyLimits.Migration> parse(String migrations) {
        List<ConcurrencyLimits.Migration> parsed = new ArrayList<>();
        if (migrations == null) {
            return parsed;
        }
        for (String m : migrations.trim().split(" ")) {
            String[] idRest = m.split(":");
            String[] hostsPolicy = idRest[1].split("/");
            String[] hosts = hostsPolicy[0].split(">");
            parsed.add(new ConcurrencyLimits.Migration(idRest[0], host(hosts[0]), host(hosts[1]),
                    Integer.parseInt(hostsPolicy[1])));
        }
        return parsed;
    }

    private static String host(String host) {
        return host.equals("-") ? null : host;
    }
}
