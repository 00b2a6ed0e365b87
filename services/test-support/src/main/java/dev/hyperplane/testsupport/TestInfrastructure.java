package dev.hyperplane.testsupport;

import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Real Kafka and PostgreSQL, started once per JVM and shared by every test class in it.
 * <p>
 * System property {@code hyperplane.infra}: {@code containers} (Testcontainers), {@code embedded} (in-JVM Kafka,
 * embedded PostgreSQL) or {@code auto} (default: containers when a Docker daemon answers, embedded otherwise).
 */
public final class TestInfrastructure {
    public static final String MODE_PROPERTY = "hyperplane.infra";

    private static TestInfrastructure instance;

    private final KafkaService kafka;
    private final PostgresService postgres;
    private final String mode;

    private TestInfrastructure(KafkaService kafka, PostgresService postgres, String mode) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.mode = mode;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infrastructure-stop"));
        }
        return instance;
    }

    private static TestInfrastructure start() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        boolean containers = switch (mode) {
            case "containers" -> true;
            case "embedded" -> false;
            case "auto" -> DockerClientFactory.instance().isDockerAvailable();
            default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, containers or embedded: " + mode);
        };
        if (containers) {
            return new TestInfrastructure(new ContainerKafka(), new ContainerPostgres(), "containers");
        }
        Path work = tempDir();
        return new TestInfrastructure(EmbeddedKafka.start(work.resolve("kafka"), 0),
                EmbeddedPostgresServer.start(null, 0), "embedded:" + work);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hyperplane-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KafkaService kafka() {
        return kafka;
    }

    public PostgresService postgres() {
        return postgres;
    }

    /** {@code containers} or {@code embedded:<work dir>}. */
    public String mode() {
        return mode;
    }

    private void stop() {
        kafka.close();
        postgres.close();
        if (mode.startsWith("embedded:")) {
            deleteTree(Path.of(mode.substring("embedded:".length())));
        }
    }

    /** Removes a directory and everything under it; best effort, for temp dirs. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
