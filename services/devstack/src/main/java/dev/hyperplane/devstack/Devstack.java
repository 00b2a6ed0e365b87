package dev.hyperplane.devstack;

import dev.hyperplane.events.Topics;
import dev.hyperplane.gateway.ApiGateway;
import dev.hyperplane.gateway.RouteTable;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.EmbeddedKafka;
import dev.hyperplane.testsupport.EmbeddedPostgresServer;
import dev.hyperplane.testsupport.FreePort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: embedded Kafka and PostgreSQL with data under {@code dataDir}, one database
 * per service, every service as a child process, and one base URL in front of them. Services trust the bearer
 * tokens of a dev key pair kept under {@code dataDir/jwt} ({@link #tokens()}).
 */
public final class Devstack implements AutoCloseable {

    /**
     * @param repoRoot     the checkout, whose services are built (their {@code target/quarkus-app} exist)
     * @param dataDir      Kafka and PostgreSQL data and the services' logs; kept between runs
     * @param gatewayPort  the one base URL's port
     * @param hosts        simulated hosts the agent runs
     */
    public record Options(Path repoRoot, Path dataDir, int gatewayPort, int hosts) {
    }

    private final Options options;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private ApiGateway gateway;
    private DevTokens tokens;

    private Devstack(Options options) {
        this.options = options;
    }

    public static Devstack start(Options options) {
        Devstack devstack = new Devstack(options);
        try {
            devstack.boot();
            return devstack;
        } catch (RuntimeException e) {
            devstack.close();
            throw e;
        }
    }

    /**
     * The hosts take turns over the four Windows Server versions the engine simulates, all the same size: a fleet in
     * the middle of its upgrades, where a Windows Server 2022 guest finds only the 2019 and 2022 hosts.
     */
    static final String HOST_MIX = "2012 R2/32/262144/4096,2016/32/262144/4096,2019/32/262144/4096,"
            + "2022/32/262144/4096";

    private void boot() {
        Path data = options.dataDir();
        postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), 0);
        kafka = EmbeddedKafka.start(data.resolve("kafka"), 0);
        // every topic and its dead-letter twin up front, as k8s/base/topics.yaml does in a cluster
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> topics.add(Topics.deadLetter(topic)));
        kafka.createTopics(topics, 4);
        tokens = DevTokens.keptIn(data.resolve("jwt"));
        Path publicKey = writePublicKey(data.resolve("jwt/public.pem"));
        Map<String, String> common = Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                "mp.jwt.verify.issuer", DevTokens.ISSUER,
                // CloudEvents name their schema by a URL the gateway answers
                "hyperplane.public-base-url", "http://localhost:" + options.gatewayPort());

        // reports every 5 s, judged after 10 s: the devstack converges in seconds, production in a minute
        add("hypervisor-agent", "hypervisor_agent", common, Map.of("hyperplane.agent.hosts", String.valueOf(options.hosts()),
                "hyperplane.agent.host-profiles", HOST_MIX, "hyperplane.agent.inventory-report-interval", "PT5S"));
        add("inventory", "inventory", common, Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl("inventory"))); // its Hibernate Reactive read model
        add("provisioning", "provisioning", common, Map.of("hyperplane.provisioning.reconcile-grace", "PT10S"));
        add("memory-balancer", "memory", common, Map.of());
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(180)));

        gateway = new ApiGateway();
        for (RouteTable.ServiceRoutes routes : RouteTable.ROUTES) {
            gateway.route(routes.service(), "127.0.0.1", services.get(routes.service()).port(), routes.prefixes());
        }
        gateway.listen(options.gatewayPort());
    }

    private void add(String name, String database, Map<String, String> common, Map<String, String> extra) {
        postgres.createDatabase(database);
        Map<String, String> config = new LinkedHashMap<>(common);
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.putAll(extra);
        Path jar = options.repoRoot().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        services.put(name, new ServiceProcess(name, jar, FreePort.pick(), config,
                options.dataDir().resolve("logs").resolve(name + ".log")));
    }

    private Path writePublicKey(Path file) {
        try {
            Files.writeString(file, tokens.publicKeyPem());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Issues bearer tokens the services accept: fleet admin, or a role in a tenant. */
    public DevTokens tokens() {
        return tokens;
    }

    public String baseUrl() {
        return "http://localhost:" + options.gatewayPort();
    }

    /** For tools that watch the event stream, e.g. benchmarks. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /** Stops everything it started, in reverse order; safe to call twice. */
    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        services.values().forEach(ServiceProcess::stop);
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** The checkout this runs from: the nearest directory up from here that holds {@code services/devstack}. */
    public static Path findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("services/devstack"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run from inside the Hyperplane checkout");
    }
}
