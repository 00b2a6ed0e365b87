package dev.hyperplane.platform.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.platform.time.Backoff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka consumer loop for one consumer group, with the delivery rules every service follows:
 * <ul>
 *   <li>offsets are committed only after the batch's effects are stored (at least once);</li>
 *   <li>effects run through {@link #once}: the CloudEvent id goes into the inbox in the effect's own transaction,
 *       so a duplicate changes nothing;</li>
 *   <li>a transient failure ({@link TransientFailures}: the database or broker away, a timeout, a conflict) is
 *       retried without limit: the partition is paused at that record and resumed after a growing delay, while
 *       the loop keeps polling its other partitions (so the group never times it out);</li>
 *   <li>a record that can never succeed (not a CloudEvent, an unknown type, schema-invalid) or whose handling
 *       fails {@value #MAX_ATTEMPTS} times otherwise is parked ({@link DeadLetters} and the topic's
 *       {@code .dlq} twin) with the reason, and so is every later record with the same key until an operator
 *       redrives or discards it: per-key order holds;</li>
 *   <li>an unexpected failure of the loop reconnects and resumes from the last committed offset.</li>
 * </ul>
 * Subclasses are CDI beans that give the group, the topics and {@link #handle(InboundEvent)}; the loop starts
 * with the application.
 */
public abstract class IdempotentConsumer implements Runnable {
    public static final String DLQ_REASON_HEADER = "hyperplane_dlq_reason";
    public static final String DLQ_CONSUMER_HEADER = "hyperplane_dlq_consumer";
    static final int MAX_ATTEMPTS = 5;

    @Inject
    protected KafkaSettings settings;
    @Inject
    protected KafkaPublisher publisher;
    @Inject
    protected JdbcInbox inbox;
    @Inject
    protected DeadLetters deadLetters;

    private final Logger log = Logger.getLogger(getClass());
    /** Redrives asked for, run on the loop's thread between batches. */
    private final ConcurrentLinkedQueue<Redrive> redrives = new ConcurrentLinkedQueue<>();
    /** The record at the head of each paused partition, and when to try it again. */
    private final Map<TopicPartition, RecordRetry> retries = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    /** What became of one record of a batch. */
    private enum Outcome { DONE, RETRY_LATER }

    /** What a redrive did: how many parked records were handled, and why it stopped if it did. */
    public record RedriveResult(int redriven, int stillParked, String failure) {
    }

    private record Redrive(DeadLetter head, CompletableFuture<RedriveResult> result) {
    }

    public abstract String group();

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

    /**
     * Handles the parked records behind {@code head} again, in the order they were parked, on the loop's thread
     * (so never concurrently with the records the loop handles); the first that fails again stays parked with
     * the new reason, and so do the ones behind it.
     */
    public CompletableFuture<RedriveResult> redrive(DeadLetter head) {
        CompletableFuture<RedriveResult> result = new CompletableFuture<>();
        redrives.add(new Redrive(head, result));
        return result;
    }

    @Override
    public void run() {
        while (running) {
            retries.clear();
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings.consumer(group()))) {
                consumer = kafka;
                kafka.subscribe(topics(), new ForgetRevoked());
                while (running) {
                    runRedrives();
                    resumeDue(kafka);
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    processBatch(kafka, records);
                    // positions: past every handled record, at the head of every partition that waits for a retry
                    kafka.commitSync();
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
        for (Redrive waiting = redrives.poll(); waiting != null; waiting = redrives.poll()) {
            waiting.result().completeExceptionally(new IllegalStateException("consumer " + group() + " stopped"));
        }
    }

    private void processBatch(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        Map<String, Set<String>> parked = parkedKeys(records);
        Set<TopicPartition> held = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (held.contains(partition)) {
                continue;
            }
            if (process(record, parked.computeIfAbsent(record.topic(), t -> new HashSet<>()))
                    == Outcome.RETRY_LATER) {
                kafka.seek(partition, record.offset());
                kafka.pause(List.of(partition));
                held.add(partition);
            }
        }
    }

    /** The keys of the batch that have a parked record, per topic: their records are parked behind it. */
    private Map<String, Set<String>> parkedKeys(ConsumerRecords<String, byte[]> records) {
        Map<String, Set<String>> keysByTopic = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() != null) {
                keysByTopic.computeIfAbsent(record.topic(), t -> new HashSet<>()).add(record.key());
            }
        }
        Map<String, Set<String>> parked = new HashMap<>();
        keysByTopic.forEach((topic, keys) -> parked.put(topic,
                new HashSet<>(deadLetters.parkedKeys(group(), topic, keys))));
        return parked;
    }

    private Outcome process(ConsumerRecord<String, byte[]> record, Set<String> parkedKeys) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        InboundEvent event = null;
        try {
            if (record.key() != null && parkedKeys.contains(record.key())) {
                event = decodeOrNull(record);
                park(record, event, "parked behind an earlier record of key " + record.key());
                return Outcome.DONE;
            }
            try {
                event = CloudEventCodec.decode(record);
            } catch (CloudEventCodec.PoisonRecordException e) {
                park(record, null, e.getMessage());
                parkKey(parkedKeys, record);
                return Outcome.DONE;
            }
            handle(event);
            retries.remove(partition);
            return Outcome.DONE;
        } catch (Exception e) {
            if (!running) {
                throw new IllegalStateException("stopping while handling " + record.topic() + "@" + record.offset(), e);
            }
            RecordRetry retry = RecordRetry.after(retries.get(partition), record.offset(), System.currentTimeMillis());
            boolean isTransient = TransientFailures.isTransient(e);
            if (!isTransient && retry.attempts() >= MAX_ATTEMPTS && event != null) {
                try {
                    park(record, event, "handling failed " + retry.attempts() + " times: " + e);
                    parkKey(parkedKeys, record);
                    retries.remove(partition);
                    return Outcome.DONE;
                } catch (RuntimeException parkingFailed) {
                    e = parkingFailed; // the database or broker is away: retry the record later
                }
            }
            retries.put(partition, retry);
            log.warnf("%s[%d]@%d: attempt %d failed (%s), again in %d ms: %s", record.topic(), record.partition(),
                    record.offset(), retry.attempts(), isTransient ? "transient" : "may repeat",
                    Backoff.delay(retry.attempts()).toMillis(), e.toString());
            return Outcome.RETRY_LATER;
        }
    }

    private static void parkKey(Set<String> parkedKeys, ConsumerRecord<String, byte[]> record) {
        if (record.key() != null) {
            parkedKeys.add(record.key());
        }
    }

    private static InboundEvent decodeOrNull(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.decode(record);
        } catch (CloudEventCodec.PoisonRecordException e) {
            return null;
        }
    }

    /** Parks the record in the table, then copies it to the dead-letter topic; both are idempotent. */
    private void park(ConsumerRecord<String, byte[]> record, InboundEvent event, String reason) {
        deadLetters.park(group(), record, event == null ? null : event.type().ceType(),
                event == null ? null : event.id(), reason);
        String dlq = Topics.deadLetter(record.topic());
        log.warnf("%s[%d]@%d parked (%s): %s", record.topic(), record.partition(), record.offset(), dlq, reason);
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(dlq, null, record.key(), record.value(),
                record.headers());
        copy.headers().add(new RecordHeader(DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8)));
        copy.headers().add(new RecordHeader(DLQ_CONSUMER_HEADER, group().getBytes(StandardCharsets.UTF_8)));
        try {
            publisher.send(copy).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot copy the parked record to " + dlq, e);
        }
    }

    private RedriveResult redriveNow(DeadLetter head) {
        if (!Objects.equals(head.consumer(), group())) {
            throw new IllegalArgumentException(head.id() + " was parked by " + head.consumer() + ", not " + group());
        }
        List<DeadLetters.Parked> parked = deadLetters.parkedWith(head);
        int done = 0;
        for (DeadLetters.Parked p : parked) {
            try {
                handle(CloudEventCodec.decode(p.record()));
            } catch (Exception e) {
                String reason = "redrive failed: " + e.getMessage();
                deadLetters.updateReason(p.letter().id(), reason);
                return new RedriveResult(done, parked.size() - done, reason);
            }
            deadLetters.settle(p.letter().id(), DeadLetter.State.REDRIVEN);
            done++;
        }
        log.infof("redrove %d parked record(s) of %s key %s", done, head.topic(), head.key());
        return new RedriveResult(done, 0, null);
    }

    private void runRedrives() {
        for (Redrive redrive = redrives.poll(); redrive != null; redrive = redrives.poll()) {
            try {
                redrive.result().complete(redriveNow(redrive.head()));
            } catch (RuntimeException e) {
                redrive.result().completeExceptionally(e);
            }
        }
    }

    private void resumeDue(KafkaConsumer<String, byte[]> kafka) {
        long now = System.currentTimeMillis();
        Set<TopicPartition> paused = kafka.paused();
        List<TopicPartition> due = retries.entrySet().stream()
                .filter(e -> e.getValue().retryAt() <= now && paused.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            kafka.resume(due);
        }
    }

    /**
     * Partitions were taken from this replica (given to another, or lost with the group). A consumer that keeps
     * per-key state in memory forgets it here: the keys' records go on elsewhere, and if they come back here, the
     * state must be read again from the database, not taken from before.
     */
    protected void partitionsRevoked(Collection<TopicPartition> partitions) {
    }

    /** A partition given to another replica takes its retry state with it (it starts from the committed offset). */
    private final class ForgetRevoked implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(retries::remove);
            if (!partitions.isEmpty()) {
                partitionsRevoked(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(retries::remove);
            partitionsRevoked(partitions);
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
