package dev.hyperplane.placement;

import java.util.Set;

/** Host versions as the tests write them. */
final class Hosts {
    static final Set<String> ANY = Set.of("2012", "2012 R2", "2016", "2019", "2022");
    static final Set<String> WS2016_OR_NEWER = Set.of("2016", "2019", "2022");

    private Hosts() {
    }
}
