package dev.hyperplane.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kafka topics of the public contract. Keys: see each constant. */
public final class Topics {
    /** Host lifecycle, published by inventory. Key: host id. */
    public static final String HOST_EVENTS = "hyperplane.host.events";
    /** VM lifecycle, published by provisioning. Key: VM id. */
    public static final String VM_EVENTS = "hyperplane.vm.events";
    /** Commands to hypervisor agents. Key: host id. */
    public static final String AGENT_COMMANDS = "hyperplane.agent.commands";
    /** What agents report about their hosts and the commands they ran. Key: host id. */
    public static final String AGENT_EVENTS = "hyperplane.agent.events";
    /** Per-host samples every second (short retention). Key: host id. */
    public static final String AGENT_TELEMETRY = "hyperplane.agent.telemetry";
    /** Each agent's own liveness, every few seconds (short retention). Key: agent id. */
    public static final String AGENT_HEARTBEATS = "hyperplane.agent.heartbeats";

    /** Memory policies, rebalance decisions and alerts, published by memory-balancer. Key: VM, tenant or host id. */
    public static final String MEMORY_EVENTS = "hyperplane.memory.events";

    /** Migrations, evacuations and HA incidents, published by migration. Key: VM id or host id (see each event). */
    public static final String MIGRATION_EVENTS = "hyperplane.migration.events";

    /** The fleet's capacity as HA's admission control assesses it, published by provisioning. Key: fleet. */
    public static final String CAPACITY_EVENTS = "hyperplane.capacity.events";

    /** Backup policies, jobs, restore points and restores, published by backup. Key: policy or VM id (see each). */
    public static final String BACKUP_EVENTS = "hyperplane.backup.events";

    /** Webhook subscriptions, published by integrations. Key: the subscription's id. */
    public static final String INTEGRATION_EVENTS = "hyperplane.integration.events";

    public static final List<String> ALL = List.of(HOST_EVENTS, VM_EVENTS, AGENT_COMMANDS, AGENT_EVENTS,
            AGENT_TELEMETRY, AGENT_HEARTBEATS, MEMORY_EVENTS, MIGRATION_EVENTS, CAPACITY_EVENTS, BACKUP_EVENTS,
            INTEGRATION_EVENTS);

    /** The record field whose value keys a topic's messages; none where the key depends on the message. */
    private static final Map<String, String> KEY_FIELDS = Map.of(
            HOST_EVENTS, "hostId",
            VM_EVENTS, "vmId",
            AGENT_COMMANDS, "hostId",
            AGENT_EVENTS, "hostId",
            AGENT_TELEMETRY, "hostId",
            AGENT_HEARTBEATS, "agentId",
            INTEGRATION_EVENTS, "webhookId");

    public static Optional<String> keyField(String topic) {
        return Optional.ofNullable(KEY_FIELDS.get(topic));
    }

    /** Poison records of a topic are parked on its dead-letter twin. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
