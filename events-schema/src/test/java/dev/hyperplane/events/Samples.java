package dev.hyperplane.events;

import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmFailed;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;

import java.time.Instant;
import java.util.Map;

/** One realistic instance of every contract message. */
final class Samples {
    static final Instant T = Instant.parse("2026-11-26T10:15:30.123Z");
    static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "22.04 LTS");

    static final Map<Class<?>, PublicEvent> BY_CLASS = Map.of(
            HostRegistered.class, new HostRegistered("host-01", "hv-ams-01", "agent-1", "2012 R2", 32, 262144, 4096, T),
            VmRequested.class, new VmRequested("vm-1", "acme", "web-1", 2, 4096, UBUNTU, "op-1", T),
            VmPlaced.class, new VmPlaced("vm-1", "host-01", T),
            VmStarted.class, new VmStarted("vm-1", "host-01", T),
            VmFailed.class, new VmFailed("vm-1", "no host has 4096 MB free", T),
            CreateVmOnHost.class, new CreateVmOnHost("cmd-1", "host-01", "vm-1", "web-1", 2, 4096, UBUNTU),
            HostAnnounced.class, new HostAnnounced("host-01", "hv-ams-01", "agent-1", "2012 R2", 32, 262144, 4096, T),
            VmStartedOnHost.class, new VmStartedOnHost("cmd-1", "host-01", "vm-1", T),
            AgentCommandRejected.class, new AgentCommandRejected("cmd-1", "host-01", "vm-1", "not enough memory"));

    private Samples() {
    }
}
