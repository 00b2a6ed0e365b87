package dev.hyperplane.placement;

import java.util.Optional;

/** Guest features marked "2016+" in the support tables (and Linux Secure Boot) need a WS2016 or newer host. */
public final class HostVersionFilter implements HostFilter {

    @Override
    public Optional<String> reject(HostCandidate host, PlacementRequest vm) {
        return vm.needsWs2016Host() && !host.ws2016OrNewer()
                ? Optional.of("Windows Server older than 2016 (the guest needs 2016 or newer)")
                : Optional.empty();
    }
}
