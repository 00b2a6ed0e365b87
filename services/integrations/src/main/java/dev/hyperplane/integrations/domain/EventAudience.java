package dev.hyperplane.integrations.domain;

import java.util.List;

/**
 * Who may receive which event types. A tenant receives only events about its own VMs and backups, of the types
 * allowed here; a fleet admin also receives the fleet's (hosts, migrations, HA, capacity, memory alerts). Commands
 * to agents, telemetry and the hosts' periodic inventory reports are delivered to no one: they are the control
 * plane's own traffic, high-volume and without a tenant.
 */
public final class EventAudience {
    /**
     * What a tenant may receive, about its own VMs and subscriptions: provisioning's VM events, backups and
     * restores, guest events, and its webhooks' changes (a subscription the service disabled, say).
     */
    private static final List<String> TENANT = List.of(
            "dev.hyperplane.vm.",
            "dev.hyperplane.backup.",
            "dev.hyperplane.webhook.",
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

    /**
     * Whether a tenant's subscription pattern (an exact type or a prefix ending in {@code .*}) can match any type a
     * tenant receives: {@code dev.hyperplane.vm.*} can, {@code dev.hyperplane.host.*} cannot, and neither can the
     * whole {@code dev.hyperplane.*} pass the fleet's events to a tenant (the audience still filters each event).
     */
    public static boolean tenantCanMatch(String pattern) {
        if (!pattern.endsWith(".*")) {
            return tenantMay(pattern);
        }
        String prefix = pattern.substring(0, pattern.length() - 1);
        return TENANT.stream().anyMatch(t -> t.startsWith(prefix) || prefix.startsWith(t));
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
