package dev.hyperplane.devstack;

import dev.hyperplane.events.Topics;
import dev.hyperplane.gateway.ApiGateway;
import dev.hyperplane.gateway.RouteTable;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.EmbeddedKafka;
import dev.hyperplane.testsupport.FreePort;
import dev.hyperplane.testsupport.PostgresService;
import org.apache.kafka.clients.admin.Admin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The whole system on one machine, with the process model of the cluster: PostgreSQL (one database per service)
 * and Kafka under {@code dataDir}, each a child process of its own; every service as one or more replicas, each a
 * child process; all supervised ({@link SupervisedProcess}: restarted with backoff when they die, stopped when the
 * devstack dies) and one base URL in front of them. Services trust the bearer tokens of a dev key pair kept under
 * {@code dataDir/jwt} ({@link #tokens()}).
 */
public final class Devstack implements AutoCloseable {
    /**
     * An agent owns its hosts: a second agent process is a second set of hosts, not a replica (see the README), so
     * {@code --agents} splits the hosts and {@code --replicas} leaves the agents alone.
     */
    static final String AGENT = "hypervisor-agent";

    /**
     * @param repoRoot     the checkout, whose services are built (their {@code target/quarkus-app} exist)
     * @param dataDir      Kafka and PostgreSQL data and the services' logs; kept between runs
     * @param gatewayPort  the one base URL's port
     * @param hosts        simulated hosts, spread over the agents
     * @param replicas     processes per service (inventory, provisioning, memory balancer, migration, backup, integrations)
     * @param agents       hypervisor agent processes ({@code agent-1}, {@code agent-2}, ...), each running its share
     *                     of the hosts
     */
    public record Options(Path repoRoot, Path dataDir, int gatewayPort, int hosts, int replicas, int agents) {
        public Options {
            if (replicas < 1) {
                throw new IllegalArgumentException("--replicas must be at least 1");
            }
            if (agents < 1 || agents > hosts) {
                throw new IllegalArgumentException("--agents must be at least 1 and at most --hosts (" + hosts + ")");
            }
        }

        /** One agent, as before agents could be several. */
        public Options(Path repoRoot, Path dataDir, int gatewayPort, int hosts, int replicas) {
            this(repoRoot, dataDir, gatewayPort, hosts, replicas, 1);
        }
    }

    private final Options options;
    private final Map<String, List<SupervisedProcess>> services = new LinkedHashMap<>();
    private final int postgresPort = FreePort.pick();
    private final int kafkaPort = FreePort.pick();
    private final int kafkaControllerPort = FreePort.pick();
    private SupervisedProcess postgres;
    private SupervisedProcess kafka;
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
        Path postgresData = data.resolve("postgres");
        postgres = infrastructure("postgres", postgresPort, "-Xmx128m", List.of(postgresData.toString(),
                String.valueOf(postgresPort)), this::postgresAnswers, () -> InfrastructureMain.postmaster(postgresData));
        kafka = infrastructure("kafka", kafkaPort, "-Xmx768m", List.of(data.resolve("kafka").toString(),
                String.valueOf(kafkaPort), String.valueOf(kafkaControllerPort)), this::kafkaAnswers, Optional::empty);
        postgres.start();
        kafka.start();
        postgres.awaitReady(Duration.ofSeconds(120));
        kafka.awaitReady(Duration.ofSeconds(120));
        // every topic and its dead-letter twin up front, as k8s/base/topics.yaml does in a cluster
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> topics.add(Topics.deadLetter(topic)));
        EmbeddedKafka.createTopics(kafkaBootstrapServers(), topics, 4);
        tokens = DevTokens.keptIn(data.resolve("jwt"));
        Path publicKey = writePublicKey(data.resolve("jwt/public.pem"));
        Map<String, String> common = Map.of(
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "quarkus.datasource.username", database().username(),
                "quarkus.datasource.password", database().password(),
                "mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                "mp.jwt.verify.issuer", DevTokens.ISSUER,
                // CloudEvents name their schema by a URL the gateway answers
                "hyperplane.public-base-url", "http://localhost:" + options.gatewayPort(),
                "hyperplane.exit-with-parent", "true");

        add(AGENT, "hypervisor_agent", common, agents());
        add("inventory", "inventory", common, replicas(Map.of(
                "quarkus.datasource.reactive.url", database().reactiveUrl("inventory")))); // Hibernate Reactive
        add("provisioning", "provisioning", common,
                // its few hosts are often filled on purpose: HA's admission control warns instead of refusing
                replicas(Map.of("hyperplane.provisioning.reconcile-grace", "PT10S",
                        "hyperplane.provisioning.ha.admission", "warn")));
        add("memory-balancer", "memory", common, replicas(Map.of()));
        // a hung guest is reset after seconds here, not a minute: a hang is seen while one watches
        add("migration", "migration", common,
                replicas(Map.of("hyperplane.migration.ha.guest-heartbeat-lost-after", "PT5S")));
        add("backup", "backup", common, replicas(Map.of()));
        // receivers on this machine are allowed (http, loopback); retries come 100 times sooner than in production
        // (5 s -> 50 ms, 5 min -> 3 s, 10 h -> 6 min) so that a failing receiver is seen recovering while one watches
        add("integrations", "integrations", common, replicas(Map.of(
                "hyperplane.integrations.allow-http", "true",
                "hyperplane.integrations.allow-loopback", "true",
                "hyperplane.integrations.retry-scale", "0.01",
                "hyperplane.integrations.disable-after", "PT1H",
                "hyperplane.integrations.claim-lease", "PT15S",
                "hyperplane.integrations.secret-key", integrationsKey(data.resolve("integrations-secret-key")))));
        processes().forEach(SupervisedProcess::start);
        processes().forEach(p -> p.awaitReady(Duration.ofSeconds(240)));

        gateway = new ApiGateway();
        for (RouteTable.ServiceRoutes routes : RouteTable.ROUTES) {
            gateway.route(routes.service(), services.get(routes.service()).stream()
                    .map(replica -> new ApiGateway.Replica("127.0.0.1", replica.port())).toList(), routes.prefixes());
        }
        gateway.listen(options.gatewayPort());
    }

    /** The key sealing webhook secrets, made once per data directory so that subscriptions outlive restarts. */
    private static String integrationsKey(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The devstack's PostgreSQL server, with the embedded server's fixed account (zonky's defaults). */
    public PostgresService database() {
        return PostgresService.at("127.0.0.1", postgresPort, "postgres", "postgres");
    }

    private SupervisedProcess infrastructure(String name, int port, String heap, List<String> args,
                                             BooleanSupplier ready,
                                             Supplier<Optional<ProcessHandle>> alsoKill) {
        List<String> command = new ArrayList<>(List.of(java(), heap, "-XX:+UseSerialGC", "-cp", classPath(),
                InfrastructureMain.class.getName(), name));
        command.addAll(args);
        return new SupervisedProcess(name, command, port, ready, logs().resolve(name + ".log"), alsoKill);
    }

    private boolean postgresAnswers() {
        try (var connection = DriverManager.getConnection(database().jdbcUrl("postgres"),
                database().username(), database().password())) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean kafkaAnswers() {
        try (var admin = Admin.create(Map.of("bootstrap.servers",
                kafkaBootstrapServers(), "request.timeout.ms", 2000, "default.api.timeout.ms", 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** The same settings for each of {@code --replicas} processes. */
    private List<Map<String, String>> replicas(Map<String, String> extra) {
        return java.util.Collections.nCopies(options.replicas(), extra);
    }

    /**
     * One process per agent, each with its share of the hosts ({@code agent-K-host-NN}); the host kinds go on
     * taking turns across the agents, so the fleet is the same whatever the number of agents. They share one
     * database, each keeping to its own rows.
     */
    private List<Map<String, String>> agents() {
        List<Map<String, String>> agents = new ArrayList<>();
        int first = 0;
        for (int k = 1; k <= options.agents(); k++) {
            int hosts = options.hosts() / options.agents() + (k <= options.hosts() % options.agents() ? 1 : 0);
            // reports every 5 s, judged after 10 s: the devstack converges in seconds, production in a minute
            agents.add(Map.of("hyperplane.agent.id", "agent-" + k, "hyperplane.agent.hosts", String.valueOf(hosts),
                    "hyperplane.agent.host-profiles", HOST_MIX,
                    "hyperplane.agent.host-profile-offset", String.valueOf(first),
                    "hyperplane.agent.inventory-report-interval", "PT5S"));
            first += hosts;
        }
        return agents;
    }

    /** A service as one process per entry of {@code processes}, each with the common settings and its own. */
    private void add(String name, String databaseName, Map<String, String> common,
                     List<Map<String, String>> processes) {
        database().createDatabase(databaseName);
        Path jar = options.repoRoot().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        List<SupervisedProcess> started = new ArrayList<>();
        for (int i = 1; i <= processes.size(); i++) {
            String replica = processes.size() == 1 ? name : name + "-" + i;
            Map<String, String> config = new LinkedHashMap<>(common);
            config.put("quarkus.datasource.jdbc.url", database().jdbcUrl(databaseName));
            config.putAll(processes.get(i - 1));
            int port = FreePort.pick();
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dquarkus.http.port=" + port));
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            started.add(new SupervisedProcess(replica, command, port, () -> serviceReady(port),
                    logs().resolve(replica + ".log"), Optional::empty));
        }
        services.put(name, started);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static boolean serviceReady(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where every child writes its log ({@code <service>[-n].log}, {@code kafka.log}, {@code postgres.log}). */
    public Path logs() {
        return options.dataDir().resolve("logs");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path, absolute, for the Kafka and PostgreSQL processes (the same jars run them). */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Path writePublicKey(Path file) {
        try {
            Files.writeString(file, tokens.publicKeyPem());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return "127.0.0.1:" + kafkaPort;
    }

    /** A service's first (or only) replica. */
    public SupervisedProcess service(String name) {
        return replicas(name).get(0);
    }

    /** Every replica of a service. */
    public List<SupervisedProcess> replicas(String name) {
        List<SupervisedProcess> replicas = services.get(name);
        if (replicas == null) {
            throw new IllegalArgumentException("no service " + name + "; there are " + services.keySet());
        }
        return replicas;
    }

    /** The Kafka broker's process: {@code kill()} it as a broker pod dies. */
    public SupervisedProcess kafka() {
        return kafka;
    }

    /** The PostgreSQL server's process: {@code kill()} takes the postmaster and its backends with it. */
    public SupervisedProcess postgres() {
        return postgres;
    }

    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /** Every service replica, agent first. */
    public List<SupervisedProcess> processes() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    /** Stops everything it started, services first, in parallel; safe to call twice. */
    @Override
    public synchronized void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        processes().parallelStream().forEach(SupervisedProcess::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
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
