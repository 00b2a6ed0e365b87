package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.testsupport.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

/** The tests' side of the real broker: publishes as the other services would, reads what this one published. */
public final class TestBus implements AutoCloseable {
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    public void publish(PublicEvent event) {
        kafka.send(CloudEventCodec.encode(event, "test-" + UUID.randomUUID(), "/test", Instant.now(), null, null));
    }

    /** The latest message of the type on the topic that matches, waiting for it up to {@code within}. */
    public <T extends PublicEvent> T read(String topic, Class<T> type, Predicate<T> which, Duration within) {
        Predicate<PublicEvent> matches = e -> type.isInstance(e) && which.test(type.cast(e));
        return kafka.readUntil(topic, within,
                        seen -> seen.stream().map(r -> CloudEventCodec.decode(r).data()).anyMatch(matches))
                .stream().map(r -> CloudEventCodec.decode(r).data()).filter(matches).map(type::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    /** Whether a message of the type on the topic matches, reading for {@code within}. */
    public <T extends PublicEvent> boolean seen(String topic, Class<T> type, Predicate<T> which, Duration within) {
        return kafka.readUntil(topic, within, all -> false).stream().map(r -> CloudEventCodec.decode(r).data())
                .anyMatch(e -> type.isInstance(e) && which.test(type.cast(e)));
    }

    public <T extends PublicEvent> T read(String topic, Class<T> type, Predicate<T> which) {
        return read(topic, type, which, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
