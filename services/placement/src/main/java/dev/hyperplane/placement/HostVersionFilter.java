package dev.hyperplane.placement;

import java.util.Optional;
import java.util.TreeSet;

/**
 * A guest runs only on the host versions the support tables give for it: Microsoft's list of Windows guests per
 * host version, Secure Boot of a Linux guest on WS2016 or newer.
 */
public final class HostVersionFilter implements HostFilter {

    @Override
    public Optional<String> reject(HostCandidate host, PlacementRequest vm) {
        return vm.hostVersions().contains(host.windowsServerVersion())
                ? Optional.empty()
                : Optional.of("Windows Server " + host.windowsServerVersion() + " (the guest runs on "
                        + String.join(", ", new TreeSet<>(vm.hostVersions())) + ")");
    }
}
