package dev.hyperplane.guestsupport;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host versions a guest may be placed on, from the support tables. A Windows guest runs where Microsoft's list of
 * Windows guests for Hyper-V says yes (an unknown answer counts as no: a hosting provider does not place a customer
 * on a combination Microsoft does not state); a Linux guest runs on every version, except that Secure Boot needs a
 * WS2016 or newer host ("2016+" in the LIS tables). Placement reads the answer as labels ({@code 2012 R2}) and knows
 * nothing of the tables.
 */
public final class GuestHosts {
    private static final Set<HostVersion> EVERY = Collections.unmodifiableSet(EnumSet.allOf(HostVersion.class));

    private GuestHosts() {
    }

    /**
     * @param family    {@code windows} or {@code linux}
     * @param catalogId the resolved catalog id, or null for a VM recorded before ids were
     */
    public static Set<HostVersion> of(String family, String catalogId, String distribution, String version,
                                      boolean secureBoot) {
        if ("windows".equals(family)) {
            Optional<WindowsGuests.WindowsGuest> guest = catalogId != null
                    ? WindowsGuests.shipped().byId(catalogId)
                    : WindowsGuests.shipped().resolve(distribution, version);
            return guest.map(GuestHosts::hostsOf).orElse(EVERY); // recorded before Windows guests were checked
        }
        if (secureBoot) {
            return Arrays.stream(HostVersion.values()).filter(HostVersion::isWs2016OrNewer)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(HostVersion.class)));
        }
        return EVERY;
    }

    /** Every host version as a label: where a guest the tables say nothing against may run. */
    public static Set<String> everyLabel() {
        return EVERY.stream().map(HostVersion::label).collect(Collectors.toUnmodifiableSet());
    }

    /** The same as labels, e.g. {@code [2016, 2019, 2022]}: what placement compares with a host's version. */
    public static Set<String> labels(String family, String catalogId, String distribution, String version,
                                     boolean secureBoot) {
        return of(family, catalogId, distribution, version, secureBoot).stream().map(HostVersion::label)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<HostVersion> hostsOf(WindowsGuests.WindowsGuest guest) {
        Set<HostVersion> hosts = EnumSet.noneOf(HostVersion.class);
        for (HostVersion host : HostVersion.values()) {
            if (guest.runsOn(host) == WindowsGuests.Answer.YES) {
                hosts.add(host);
            }
        }
        return Collections.unmodifiableSet(hosts);
    }
}
