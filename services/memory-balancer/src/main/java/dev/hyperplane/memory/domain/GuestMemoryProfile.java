package dev.hyperplane.memory.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.GuestNames;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a VM's guest can do with Dynamic Memory: ballooning, hot-add, and whether it is 64-bit.
 *
 * @param whyNoBalloon null when it can balloon
 * @param whyNoHotAdd  null when it can hot-add
 * @param architecture what the guest reports (KVP ProcessorArchitecture); empty while unknown
 */
public record GuestMemoryProfile(boolean linux, String whyNoBalloon, String whyNoHotAdd, String architecture) {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final GuestNames NAMES = new GuestNames(MATRIX);
    private static final Set<String> THIRTY_TWO_BIT = Set.of("x86", "i386", "i486", "i586", "i686");

    /**
     * From what the guest negotiated on its host when it did ({@code supported} non-null), else from Microsoft's
     * support tables for its OS on the newest host.
     */
    public static GuestMemoryProfile of(GuestOs os, List<String> supported, Map<String, String> unsupported,
                                        String architecture) {
        boolean linux = "linux".equalsIgnoreCase(os.family());
        String arch = architecture == null ? "" : architecture;
        if (supported != null) {
            return new GuestMemoryProfile(linux, why(Feature.DM_BALLOON, supported, unsupported),
                    why(Feature.DM_HOTADD, supported, unsupported), arch);
        }
        if (!linux) {
            return new GuestMemoryProfile(false, null, null, arch);
        }
        var column = NAMES.column(os.catalogId(), os.distribution(), os.version());
        if (column.isEmpty()) {
            String unknown = os.distribution() + " " + os.version() + " is not in the Linux support tables";
            return new GuestMemoryProfile(true, unknown, unknown, arch);
        }
        Guest guest = Guest.linux(column.get());
        return new GuestMemoryProfile(true, guest.whyNot(Feature.DM_BALLOON, HostVersion.WS2022, MATRIX),
                guest.whyNot(Feature.DM_HOTADD, HostVersion.WS2022, MATRIX), arch);
    }

    private static String why(Feature feature, List<String> supported, Map<String, String> unsupported) {
        if (supported.contains(feature.name())) {
            return null;
        }
        return unsupported.getOrDefault(feature.name(), feature + " was not negotiated");
    }

    public boolean canBalloon() {
        return whyNoBalloon == null;
    }

    public boolean canHotAdd() {
        return whyNoHotAdd == null;
    }

    /** Unknown until the guest reports; a guest is refused only once it reported a 32-bit architecture. */
    public boolean sixtyFourBit() {
        return !THIRTY_TWO_BIT.contains(architecture.toLowerCase());
    }
}
