package dev.hyperplane.integrations.domain;

import java.util.List;

/**
 * Who may receive which event types. A tenant receives only events about its own VMs and backups, of the types
 * allowed here; a fleet admin also receives the fleet's (hosts, migrations, HA, capacity, memory alerts). Commands
 * to agents, telemetry and the hosts' periodic inventory reports are delivered to no one: they are the control
 * plane's own traffic, high-volume and without a tenant.
 */
public final class EventAudience {
    /** What a tenant may receive, about its own VMs: provisioning's VM events, backups and restores, guest events. */
    private static final List<String> TENANT = List.of(
            "dev.hyperplane.vm.",
            "dev.hyperplane.backup.",
            "dev.hyperplane.agent.guest-heartbeat-changed.",
            "dev.hyperplane.agent.guest-panicked.",
            "dev.hyperplane.agent.crash-dump-reported.");
    /** Never delivered. */
    private static final List<String> NEVER = List.of(
            "dev.hyperplane.agent.command.",
            "dev.hyperplane.agent.telemetry.",
            "dev.hyperplane.agent.heartbeat.",
            "dev.hyperplane.agent.host-telemetry.",
            "dev.hyperplane.agent.host-inventory-reported.");

    public static boolean tenantMay(String type) {
        return !never(type) && TENANT.stream().anyMatch(type::startsWith);
    }

    /** A fleet admin's subscription: every public event but commands and telemetry. */
    public static boolean fleetMay(String type) {
        return !never(type) && type.startsWith("dev.hyperplane.");
    }

    private static boolean never(String type) {
        return NEVER.stream().anyMatch(type::startsWith);
    }

    private EventAudience() {
    }
}
