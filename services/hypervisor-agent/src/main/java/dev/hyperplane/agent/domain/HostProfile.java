package dev.hyperplane.agent.domain;

import dev.hyperplane.guestsupport.HostVersion;

import java.util.List;

/**
 * A kind of host an agent simulates. Written {@code <Windows Server version>/<logical processors>/<memory MB>/<root
 * reserve MB>}, e.g. {@code 2016/64/524288/8192}; an agent given several runs them in turn over its hosts.
 */
public record HostProfile(String windowsServerVersion, int logicalProcessors, long memoryMb, long rootReserveMb) {

    public HostProfile {
        HostVersion.fromLabel(windowsServerVersion); // refuses an unknown version
        if (logicalProcessors < 1 || memoryMb <= rootReserveMb || rootReserveMb < 0) {
            throw new IllegalArgumentException("a host needs at least one logical processor and more memory than "
                    + "its root reserve: " + logicalProcessors + " LPs, " + memoryMb + " MB, " + rootReserveMb
                    + " MB reserved");
        }
    }

    public static HostProfile parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 4) {
            throw new IllegalArgumentException("host profile '" + text + "' is not <version>/<logical processors>/"
                    + "<memory MB>/<root reserve MB>");
        }
        try {
            return new HostProfile(parts[0].trim(), Integer.parseInt(parts[1].trim()), Long.parseLong(parts[2].trim()),
                    Long.parseLong(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host profile '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The profile of host {@code n} (1-based) of a mix: the profiles take turns. */
    public static HostProfile forHost(List<HostProfile> mix, int n) {
        return mix.get((n - 1) % mix.size());
    }

    HostDefinition spec(String hostId) {
        return new HostDefinition(hostId, hostId, windowsServerVersion, logicalProcessors, memoryMb, rootReserveMb);
    }
}
