package dev.hyperplane.systemtests;

import dev.hyperplane.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The devstack's consumer groups, per service, with the topics each reads; and what tests do with them. */
final class ConsumerGroups implements AutoCloseable {
    /**
     * An agent's groups are named after the agent: {@code hypervisor-agent-<agent id>} for its commands and
     * {@code hypervisor-agent-<agent id>-fleet} for which agent runs each host.
     */
    static final String AGENT_GROUPS = "hypervisor-agent-*";
    static final String AGENT_FLEET_GROUPS = "hypervisor-agent-*-fleet";
    static final Map<String, Map<String, List<String>>> BY_SERVICE = Map.of(
            "provisioning", Map.of(
                    "provisioning-hosts", List.of(Topics.HOST_EVENTS),
                    "provisioning-agent-answers", List.of(Topics.AGENT_EVENTS),
                    "provisioning-migrations", List.of(Topics.MIGRATION_EVENTS),
                    "provisioning-restores", List.of(Topics.BACKUP_EVENTS)),
            "inventory", Map.of(
                    "inventory-fleet", List.of(Topics.HOST_EVENTS, Topics.VM_EVENTS, Topics.AGENT_EVENTS),
                    "inventory-host-announcements", List.of(Topics.AGENT_EVENTS),
                    "inventory-memory", List.of(Topics.AGENT_TELEMETRY),
                    "inventory-evacuations", List.of(Topics.MIGRATION_EVENTS),
                    "inventory-agents", List.of(Topics.AGENT_HEARTBEATS)),
            "memory-balancer", Map.of(
                    "memory-balancer-fleet", List.of(Topics.HOST_EVENTS, Topics.VM_EVENTS, Topics.AGENT_EVENTS),
                    "memory-balancer-telemetry", List.of(Topics.AGENT_TELEMETRY),
                    "memory-balancer-migrations", List.of(Topics.MIGRATION_EVENTS)),
            "migration", Map.of(
                    "migration-vms", List.of(Topics.VM_EVENTS),
                    "migration-agent", List.of(Topics.AGENT_EVENTS),
                    "migration-rebalance", List.of(Topics.MEMORY_EVENTS),
                    "migration-hosts", List.of(Topics.HOST_EVENTS),
                    "migration-ha-liveness", List.of(Topics.AGENT_HEARTBEATS, Topics.AGENT_TELEMETRY),
                    "migration-capacity", List.of(Topics.CAPACITY_EVENTS)),
            "backup", Map.of(
                    "backup-vms", List.of(Topics.VM_EVENTS),
                    "backup-agent", List.of(Topics.AGENT_EVENTS)),
            "integrations", Map.of(
                    "integrations-events", List.of(Topics.VM_EVENTS, Topics.HOST_EVENTS, Topics.AGENT_EVENTS,
                            Topics.MEMORY_EVENTS, Topics.MIGRATION_EVENTS, Topics.CAPACITY_EVENTS,
                            Topics.BACKUP_EVENTS, Topics.INTEGRATION_EVENTS)),
            "hypervisor-agent", Map.of(
                    AGENT_GROUPS, List.of(Topics.AGENT_COMMANDS),
                    AGENT_FLEET_GROUPS, List.of(Topics.HOST_EVENTS)));

    /** The name in {@link #BY_SERVICE} of a real group: an agent's by its pattern, the others as they are. */
    static String pattern(String group) {
        if (!group.startsWith("hypervisor-agent-")) {
            return group;
        }
        return group.endsWith("-fleet") ? AGENT_FLEET_GROUPS : AGENT_GROUPS;
    }

    private final Admin admin;

    ConsumerGroups(String bootstrap) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The real group names of a service's groups (the agent's resolved by listing the broker's groups). */
    Map<String, List<String>> of(String service) throws ExecutionException, InterruptedException {
        Map<String, List<String>> groups = new HashMap<>();
        for (var entry : BY_SERVICE.get(service).entrySet()) {
            if (entry.getKey().startsWith("hypervisor-agent-")) {
                for (ConsumerGroupListing listing : admin.listConsumerGroups().all().get()) {
                    if (pattern(listing.groupId()).equals(entry.getKey())) {
                        groups.put(listing.groupId(), entry.getValue());
                    }
                }
            } else {
                groups.put(entry.getKey(), entry.getValue());
            }
        }
        return groups;
    }

    /**
     * Moves a stopped service's group back to the earliest offset of each of its partitions (offset 0 unless
     * retention deleted the start). Members a killed process left behind are removed first.
     */
    void rewind(String group, List<String> topics) throws ExecutionException, InterruptedException {
        admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get();
        Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
        offsets(topics, OffsetSpec.earliest()).forEach((p, o) -> earliest.put(p, new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group, earliest).all().get();
    }

    /** How far behind the ends captured in {@code ends} the group's committed offsets are, in records. */
    long lag(String group, Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    Map<TopicPartition, Long> offsets(List<String> topics, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
            description.partitions().forEach(p ->
                    request.put(new TopicPartition(description.name(), p.partition()), spec));
        }
        Map<TopicPartition, Long> result = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(request).all().get().entrySet()) {
            result.put(e.getKey(), e.getValue().offset());
        }
        return result;
    }

    @Override
    public void close() {
        admin.close();
    }
}
