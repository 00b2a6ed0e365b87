package dev.hyperplane.agent.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.GuestNames;
import dev.hyperplane.guestsupport.LisMatrix;

/**
 * Maps the contract's guest OS to the engine's: Windows, or the column of Microsoft's Linux support tables that
 * provisioning resolved it to (its catalog id; from older messages, the column with that distribution and title,
 * e.g. "Ubuntu" / "20.04 LTS", "RHEL/CentOS" / "7.6-7.9").
 */
public final class GuestCatalog {

    public static Guest guest(GuestOs os, LisMatrix matrix) {
        if ("windows".equalsIgnoreCase(os.family())) {
            return Guest.windows(os.version());
        }
        return new GuestNames(matrix).column(os.catalogId(), os.distribution(), os.version()).map(Guest::linux)
                .orElseThrow(() -> new CommandRejected("unknown guest OS " + os.distribution() + " " + os.version()
                        + ": not a column of the Linux support tables"));
    }

    private GuestCatalog() {
    }
}
