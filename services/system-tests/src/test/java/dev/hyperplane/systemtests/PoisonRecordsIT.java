package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 poison records on each topic a service consumes (not a CloudEvent, an unknown type, a known type with
 * invalid data, a third each): every consumer group parks every one with a reason, copies it to the topic's
 * dead-letter twin, and goes on working; a key parked behind a poison record is redriven in order.
 */
class PoisonRecordsIT {
    private static final int PER_TOPIC = Integer.getInteger("poison.per-topic", 1_000);
    /** A known type of each consumed topic (the first the catalog lists), sent with data that lacks every field. */
    private static final Map<String, String> KNOWN_TYPE = new TreeMap<>();

    static {
        for (MessageType type : EventCatalog.ALL) {
            KNOWN_TYPE.putIfAbsent(type.topic(), type.ceType());
        }
    }

    @Test
    void every_group_parks_every_poison_record_and_keeps_going_and_a_redrive_keeps_key_order() throws Exception {
        Devstack devstack = DevstackExtension.devstack();
        Api admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        String run = "poison-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, Long> dlqBefore = dlqEnds(devstack.kafkaBootstrapServers());

        try (KafkaProducer<String, byte[]> producer = producer(devstack.kafkaBootstrapServers())) {
            for (String topic : KNOWN_TYPE.keySet()) {
                for (int i = 0; i < PER_TOPIC; i++) {
                    producer.send(poison(topic, run + i, i % 3));
                }
            }
            producer.flush();
        }

        Map<String, Integer> expected = new TreeMap<>();
        ConsumerGroups.BY_SERVICE.forEach((service, groups) -> groups.forEach((group, topics) ->
                topics.forEach(topic -> expected.put(service + " " + group + " " + topic, PER_TOPIC))));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(parkedCounts(admin, run)).isEqualTo(expected));
        // the Kafka twin has a copy of each, with the reason in a header
        Map<String, Long> dlqAfter = dlqEnds(devstack.kafkaBootstrapServers());
        for (String topic : KNOWN_TYPE.keySet()) {
            long groups = expected.keySet().stream().filter(k -> k.endsWith(" " + topic)).count();
            assertThat(dlqAfter.get(topic) - dlqBefore.getOrDefault(topic, 0L)).as(Topics.deadLetter(topic))
                    .isGreaterThanOrEqualTo(groups * PER_TOPIC);
        }

        // the consumers go on: a new VM is placed, started by its agent, seen by inventory
        String vmId = admin.running("poison", "after-poison", 1024);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/fleet/vms/" + vmId).body().path("state").asText()).isEqualTo("Running"));

        // a poison record with the VM's key parks the VM's next events in inventory and the memory balancer ...
        try (KafkaProducer<String, byte[]> producer = producer(devstack.kafkaBootstrapServers())) {
            producer.send(poison(Topics.VM_EVENTS, vmId, 2)).get();
        }
        admin.awaitOperation(admin.post("/api/v1/vms/" + vmId + "/stop?force=true", ""), "Succeeded");
        for (String service : List.of("inventory", "memory-balancer")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> parked(admin, service, vmId).size() >= 2);
            List<JsonNode> parked = parked(admin, service, vmId);
            assertThat(parked.get(0).get("reason").asText()).startsWith("data is not a valid ");
            assertThat(parked.subList(1, parked.size())).allSatisfy(p -> assertThat(p.get("reason").asText())
                    .isEqualTo("parked behind an earlier record of key " + vmId));

            // ... until an operator discards the poison record and redrives the rest, in the order they came
            String base = "/api/v1/dead-letters/" + service + "/";
            assertThat(admin.post(base + parked.get(0).get("id").asLong() + "/discard", "").status()).isEqualTo(200);
            Api.Reply redrive = admin.post(base + parked.get(1).get("id").asLong() + "/redrive", "");
            assertThat(redrive.status()).isEqualTo(200);
            assertThat(redrive.body().get("failure").isNull()).as(redrive.body().toString()).isTrue();
            assertThat(redrive.body().get("redriven").asInt()).isGreaterThanOrEqualTo(parked.size() - 1);
            assertThat(parked(admin, service, vmId)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/fleet/vms/" + vmId).body().path("state").asText()).isEqualTo("Stopped"));
    }

    /** Poison of three kinds: 0 not a CloudEvent, 1 an unknown type, 2 a known type with invalid data. */
    private static ProducerRecord<String, byte[]> poison(String topic, String key, int kind) {
        if (kind == 0) {
            return new ProducerRecord<>(topic, key, "\u0000not json at all".getBytes(StandardCharsets.UTF_8));
        }
        var record = new ProducerRecord<>(topic, key, "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/poison"))
                .add("ce_type", bytes(kind == 1 ? "dev.example.unknown.v1" : KNOWN_TYPE.get(topic)));
        return record;
    }

    /** Parked records of this run per "service group topic" (the agent's group named by its prefix). */
    private static Map<String, Integer> parkedCounts(Api admin, String run) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String service : ConsumerGroups.BY_SERVICE.keySet()) {
            for (JsonNode letter : allParked(admin, service)) {
                assertThat(letter.get("reason").asText()).isNotBlank();
                if (letter.path("key").asText().startsWith(run)) {
                    String group = ConsumerGroups.pattern(letter.get("consumer").asText());
                    counts.merge(service + " " + group + " " + letter.get("topic").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static List<JsonNode> parked(Api admin, String service, String key) {
        return allParked(admin, service).stream().filter(l -> key.equals(l.path("key").asText())).toList();
    }

    private static List<JsonNode> allParked(Api admin, String service) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = admin.get("/api/v1/dead-letters/" + service + "?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(service).isEqualTo(200);
            page.body().get("items").forEach(all::add);
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText(null);
        } while (cursor != null);
        return all;
    }

    private static Map<String, Long> dlqEnds(String bootstrap) {
        Map<String, Long> ends = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            for (String topic : KNOWN_TYPE.keySet()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo p : consumer.partitionsFor(Topics.deadLetter(topic))) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
                ends.put(topic, consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return ends;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
