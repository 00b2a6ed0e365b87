package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka consumer loop for one consumer group, with the delivery rules every service follows:
 * <ul>
 *   <li>offsets are committed only after the batch's effects are stored (at least once);</li>
 *   <li>effects run through {@link #once}: the CloudEvent id goes into the inbox in the effect's own transaction,
 *       so a duplicate changes nothing;</li>
 *   <li>a record that is not a valid contract message, or whose handling keeps failing, goes to the topic's
 *       {@code .dlq} twin with the reason in a header, and consumption continues;</li>
 *   <li>an unexpected failure of the loop reconnects and resumes from the last committed offset.</li>
 * </ul>
 * Subclasses are CDI beans that give the group, the topics and {@link #handle(InboundEvent)}; the loop starts
 * with the application.
 */
public abstract class IdempotentConsumer implements Runnable {
    public static final String DLQ_REASON_HEADER = "hyperplane_dlq_reason";
    private static final int MAX_ATTEMPTS = 5;

    @Inject
    protected KafkaSettings settings;
    @Inject
    protected KafkaPublisher publisher;
    @Inject
    protected JdbcInbox inbox;

    private final Logger log = Logger.getLogger(getClass());
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    protected abstract String group();

    protected abstract Collection<String> topics();

    /** Applies one event; must be idempotent (use {@link #once}) and may throw to have the record retried. */
    protected abstract void handle(InboundEvent event) throws Exception;

    /** Runs the effect in a new JTA transaction together with the inbox mark, unless the event was seen before. */
    protected void once(InboundEvent event, Runnable effect) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.firstDelivery(group(), event.id())) {
                effect.run();
            }
        });
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this, "consumer-" + group());
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings.consumer(group()))) {
                consumer = kafka;
                kafka.subscribe(topics());
                while (running) {
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        process(record);
                    }
                    if (!records.isEmpty()) {
                        kafka.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // stop() was called
            } catch (RuntimeException e) {
                log.errorf(e, "consumer %s failed; reconnecting from the last committed offsets", group());
                sleep(1000);
            } finally {
                consumer = null;
            }
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        InboundEvent event;
        try {
            event = CloudEventCodec.decode(record);
        } catch (CloudEventCodec.PoisonRecordException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                handle(event);
                return;
            } catch (Exception e) {
                if (!running) {
                    throw new IllegalStateException("stopping while handling " + event.id(), e);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    deadLetter(record, "handling failed " + attempt + " times: " + e);
                    return;
                }
                log.warnf("attempt %d of %s %s failed: %s", attempt, event.type().ceType(), event.id(), e.toString());
                sleep(200L * attempt * attempt);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        String dlq = Topics.deadLetter(record.topic());
        log.warnf("%s[%d]@%d -> %s: %s", record.topic(), record.partition(), record.offset(), dlq, reason);
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(dlq, null, record.key(), record.value(),
                record.headers());
        parked.headers().add(new RecordHeader(DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8)));
        try {
            publisher.send(parked).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // neither parked nor skipped: the loop reconnects and reads the record again
            throw new IllegalStateException("cannot park poison record on " + dlq, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
