package dev.hyperplane.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which simulated hosts this agent runs. */
@ConfigMapping(prefix = "hyperplane.agent")
public interface AgentConfig {

    String id();

    /** How many hosts this agent simulates. */
    int hosts();

    @WithName("host-memory-mb")
    long hostMemoryMb();

    @WithName("host-logical-processors")
    int hostLogicalProcessors();

    @WithName("host-root-reserve-mb")
    long hostRootReserveMb();

    @WithName("windows-server-version")
    String windowsServerVersion();

    /**
     * A mix of host kinds, each {@code <version>/<logical processors>/<memory MB>/<root reserve MB>}, taking turns
     * over the hosts; when absent every host has the single profile above. Read when a host is first created.
     */
    @WithName("host-profiles")
    Optional<List<String>> hostProfiles();

    /** Seeds the hosts' randomness (host N gets seed + N): same seed, same simulation. */
    @WithDefault("2026")
    long seed();

    /** Bandwidth of the live-migration network between this agent's hosts, MB/s (10 GbE by default). */
    @WithName("migration-link-mb-per-second")
    @WithDefault("1170")
    double migrationLinkMbPerSecond();

    /**
     * How often each host's whole inventory (every VM and its state) is reported for reconciliation; also once at
     * every start.
     */
    @WithName("inventory-report-interval")
    @WithDefault("PT30S")
    Duration inventoryReportInterval();

    /**
     * A host's engine is snapshotted after this many logged commands or {@link #snapshotEverySimulated} of
     * simulated time, whichever comes first: a restart restores the snapshot and replays only what followed.
     */
    @WithName("snapshot-every-commands")
    @WithDefault("500")
    long snapshotEveryCommands();

    @WithName("snapshot-every-simulated")
    @WithDefault("PT60S")
    Duration snapshotEverySimulated();

    /** Simulated seconds per real second. */
    @WithName("time-scale")
    @WithDefault("1")
    double timeScale();

    /**
     * Host kinds are taken from {@link #hostProfiles} starting after this many: the devstack's agents share one mix
     * so that the fleet has the same hosts whatever the number of agents.
     */
    @WithName("host-profile-offset")
    @WithDefault("0")
    int hostProfileOffset();

    /** How long the source's agent waits for the destination's agent to hold memory for a migration between agents. */
    @WithName("remote-prepare-timeout")
    @WithDefault("PT30S")
    Duration remotePrepareTimeout();

    /**
     * How long a VM frozen at the blackout of a migration to another agent's host waits for that agent to take its
     * state; then it runs on at its source. Bounds the downtime when the destination's agent is away.
     */
    @WithName("remote-hand-off-timeout")
    @WithDefault("PT15S")
    Duration remoteHandOffTimeout();

    /** A question to another agent not answered within this is asked again (the answer may have been lost). */
    @WithName("remote-resend-interval")
    @WithDefault("PT5S")
    Duration remoteResendInterval();
}
