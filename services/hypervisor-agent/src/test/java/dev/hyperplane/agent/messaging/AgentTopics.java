package dev.hyperplane.agent.messaging;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads the agents' topics as an outside party would, for the tests that play another agent or the network. */
final class AgentTopics {

    /**
     * The events on the topic from its start, read until {@code enough} holds or the timeout passes; the poison
     * records other tests put there are skipped.
     */
    static List<PublicEvent> read(KafkaTestClient kafka, String topic, Duration timeout,
                                  Predicate<List<PublicEvent>> enough) {
        return decode(kafka.readUntil(topic, timeout, seen -> enough.test(decode(seen))));
    }

    private static List<PublicEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<PublicEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(CloudEventCodec.decode(record).data());
            } catch (CloudEventCodec.PoisonRecordException e) {
                // another test's poison record
            }
        }
        return events;
    }

    private AgentTopics() {
    }
}
