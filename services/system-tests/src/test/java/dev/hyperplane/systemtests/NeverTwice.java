package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.devstack.Devstack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's never-twice checker: at no instant does one VM run on two hosts. It reads every state change the agents
 * ever reported ({@code VmStateChangedOnHost} on {@code hyperplane.agent.events}, each stamped when the agent applied
 * it) and builds each VM's intervals on each host in which it was active there (any state but Off and Saved: a paused
 * or resetting copy holds its disks as much as a running one). Two intervals of one VM on different hosts that
 * overlap are a VM run twice.
 * <p>
 * A migration is a hand-off, not an overlap. The VM is frozen on its source from the blackout on; at the hand-off
 * the destination takes it and the source lets go ({@code VmMigratedOnHost}, naming the destination). On one
 * agent both happen in one step under both hosts' locks, the destination's start stamped a few milliseconds before
 * the source's Off; between agents the source lets go first. So the source's interval ends where the destination's
 * began when that start lies within {@link #HAND_OFF} before the source reported the VM migrated there. A
 * destination that started earlier, an HA restart while the old copy runs, or an old copy started again are all
 * overlaps. A snapshot of where VMs run, polled, would see a migrating VM on both hosts at the hand-off; the
 * reported times do not. Reading the topic from its start after a test checks the whole run: a host cut off or
 * powered off publishes what it did meanwhile once it is back.
 */
final class NeverTwice {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_CHANGED = "dev.hyperplane.agent.vm-state-changed.v1";
    private static final String MIGRATED = "dev.hyperplane.agent.vm-migrated.v1";
    private static final Set<String> INACTIVE = Set.of("Off", "Saved");

    /** A VM's state changed on a host, or ({@code migratedTo} set) it left the host by migration to that one. */
    record Change(String vmId, String hostId, String to, Instant at, String migratedTo) {
        static Change state(String vmId, String hostId, String to, Instant at) {
            return new Change(vmId, hostId, to, at, null);
        }

        static Change migratedAway(String vmId, String hostId, String destination, Instant at) {
            return new Change(vmId, hostId, null, at, destination);
        }
    }

    /** A VM active on a host from {@code from} until {@code to} (null: still active). */
    record Interval(String vmId, String hostId, Instant from, Instant to) {
        boolean overlaps(Interval other) {
            return (other.to == null || from.isBefore(other.to)) && (to == null || other.from.isBefore(to));
        }
    }

    /** How long before the source reports a hand-off the destination's start may be stamped. */
    static final Duration HAND_OFF = Duration.ofMillis(500);

    /** Each VM's active intervals on each host, from its changes in the order they were applied. */
    static List<Interval> intervals(List<Change> changes) {
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing(Change::at)); // stable: a host's changes at one instant keep their order
        Map<String, Instant> activeSince = new HashMap<>();
        List<Interval> intervals = new ArrayList<>();
        for (Change change : ordered) {
            if (change.migratedTo() != null) {
                continue;
            }
            String key = key(change);
            boolean active = !INACTIVE.contains(change.to());
            Instant since = activeSince.get(key);
            if (active && since == null) {
                activeSince.put(key, change.at());
            } else if (!active && since != null) {
                intervals.add(new Interval(change.vmId(), change.hostId(), since, change.at()));
                activeSince.remove(key);
            }
        }
        activeSince.forEach((key, since) -> {
            int at = key.lastIndexOf('@');
            intervals.add(new Interval(key.substring(0, at), key.substring(at + 1), since, null));
        });
        return ordered.stream().filter(c -> c.migratedTo() != null)
                .reduce(intervals, NeverTwice::handedOver, (a, b) -> a);
    }

    /** The source's interval that a hand-off ended, ended where the destination's began (see {@link #HAND_OFF}). */
    private static List<Interval> handedOver(List<Interval> intervals, Change handOff) {
        Interval destination = intervals.stream().filter(i -> i.vmId().equals(handOff.vmId())
                        && i.hostId().equals(handOff.migratedTo()) && !i.from().isAfter(handOff.at())
                        && !i.from().isBefore(handOff.at().minus(HAND_OFF)))
                .findFirst().orElse(null);
        if (destination == null) {
            return intervals;
        }
        List<Interval> result = new ArrayList<>();
        for (Interval i : intervals) {
            boolean source = i.vmId().equals(handOff.vmId()) && i.hostId().equals(handOff.hostId())
                    && i.to() != null && !i.from().isAfter(destination.from())
                    && Duration.between(handOff.at(), i.to()).abs().compareTo(HAND_OFF) <= 0;
            result.add(source ? new Interval(i.vmId(), i.hostId(), i.from(), destination.from()) : i);
        }
        return result;
    }

    private static String key(Change change) {
        return change.vmId() + "@" + change.hostId();
    }

    /** Every pair of intervals of one VM on two hosts that overlap. */
    static List<List<Interval>> overlaps(List<Change> changes) {
        Map<String, List<Interval>> byVm = new HashMap<>();
        intervals(changes).forEach(i -> byVm.computeIfAbsent(i.vmId(), vm -> new ArrayList<>()).add(i));
        List<List<Interval>> overlaps = new ArrayList<>();
        for (List<Interval> vm : byVm.values()) {
            for (int a = 0; a < vm.size(); a++) {
                for (int b = a + 1; b < vm.size(); b++) {
                    if (!vm.get(a).hostId().equals(vm.get(b).hostId()) && vm.get(a).overlaps(vm.get(b))) {
                        overlaps.add(List.of(vm.get(a), vm.get(b)));
                    }
                }
            }
        }
        return overlaps;
    }

    /**
     * Fails naming the VMs that ran on two hosts at once, over everything the devstack's agents reported so far. A
     * host that just came back may still be publishing what it did while cut off (until then its VMs look active
     * there), so an overlap must last 30 s to count.
     */
    static void assertNoVmRanTwice(Devstack devstack) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Change> changes = read(devstack.kafkaBootstrapServers());
            assertThat(overlaps(changes)).as("VMs active on two hosts at once, over %d reported state changes",
                    changes.size()).isEmpty();
        });
    }

    /** Every change the agents reported up to now, read from the start of the topic. */
    static List<Change> read(String bootstrap) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("hyperplane.agent.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Change> changes = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the agents' events could not be read to their end within a minute");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    change(record).ifPresent(changes::add);
                }
            }
            return changes;
        }
    }

    private static java.util.Optional<Change> change(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null) {
            return java.util.Optional.empty();
        }
        String ceType = new String(type.value(), StandardCharsets.UTF_8);
        if (!ceType.equals(STATE_CHANGED) && !ceType.equals(MIGRATED)) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode data = JSON.readTree(record.value());
            String vmId = data.get("vmId").asText();
            String hostId = data.get("hostId").asText();
            Instant at = Instant.parse(data.get("at").asText());
            return java.util.Optional.of(ceType.equals(MIGRATED)
                    ? Change.migratedAway(vmId, hostId, data.get("destinationHostId").asText(), at)
                    : Change.state(vmId, hostId, data.get("to").asText(), at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NeverTwice() {
    }
}
