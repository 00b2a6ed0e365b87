package dev.hyperplane.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Kafka and at a PostgreSQL database of its own, and
 * makes it trust the {@link DevTokens} of the JVM.
 * Init arg {@code database} names the database (default: {@code test}).
 */
public class HyperplaneTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        PostgresService pg = infra.postgres();
        pg.createDatabase(database);
        return Map.of(
                "kafka.bootstrap.servers", infra.kafka().bootstrapServers(),
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.reactive.url", pg.reactiveUrl(database),
                "mp.jwt.verify.publickey", DevTokens.shared().publicKeyPem(),
                "mp.jwt.verify.issuer", DevTokens.ISSUER);
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by TestInfrastructure's shutdown hook
    }
}
