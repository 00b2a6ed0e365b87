package dev.hyperplane.agent.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;

/**
 * Maps the contract's guest OS to the engine's: Windows, or a column of Microsoft's Linux support tables found by
 * distribution and version as Microsoft heads them (e.g. "Ubuntu" / "20.04 LTS", "RHEL/CentOS" / "7.6-7.9").
 */
public final class GuestCatalog {

    public static Guest guest(GuestOs os, LisMatrix matrix) {
        if ("windows".equalsIgnoreCase(os.family())) {
            return Guest.windows(os.version());
        }
        return matrix.find(os.distribution(), os.version()).map(Guest::linux)
                .orElseThrow(() -> new CommandRejected("unknown guest OS " + os.distribution() + " " + os.version()
                        + ": not a column of the Linux support tables"));
    }

    private GuestCatalog() {
    }
}
