package dev.hyperplane.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfrastructureTest {

    @Test
    void kafka_delivers_what_was_produced() throws Exception {
        String bootstrap = TestInfrastructure.get().kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("test-support.roundtrip", "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "roundtrip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("test-support.roundtrip"));
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
            assertThat(seen).containsExactly("k=hello");
        }
    }

    @Test
    void postgres_creates_databases_and_answers_queries() throws Exception {
        PostgresService pg = TestInfrastructure.get().postgres();
        pg.createDatabase("support_check");
        pg.createDatabase("support_check"); // idempotent
        try (var c = DriverManager.getConnection(pg.jdbcUrl("support_check"), pg.username(), pg.password());
             var rs = c.createStatement().executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("support_check");
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(170000);
        }
    }
}
