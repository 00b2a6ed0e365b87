package dev.hyperplane.systemtests;

import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.testsupport.FreePort;
import dev.hyperplane.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The devstack as a developer runs it ({@code java -jar devstack-app.jar}), killed with {@code kill -9}: its
 * children (Kafka, PostgreSQL with its postmaster, every service replica) watch it and stop, so nothing is left
 * running and the next start on the same data directory and port comes up.
 */
class DevstackProcessReliability {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private Path dataDir;

    @Test
    void children_of_a_devstack_killed_with_sigkill_stop_and_the_next_start_finds_nothing_left()
            throws Exception {
        dataDir = Files.createTempDirectory("hyperplane-devstack-");
        int port = FreePort.pick();
        Process devstack = devstack(port);
        awaitServing(port, devstack);
        List<ProcessHandle> children = new ArrayList<>(devstack.descendants().toList());
        postmaster().ifPresent(children::add); // pg_ctl detached it: not a descendant
        assertThat(children).as("kafka, postgres, postmaster, agent and 2 x 3 service replicas")
                .hasSizeGreaterThanOrEqualTo(10);

        devstack.destroyForcibly(); // SIGKILL: no shutdown hook runs
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(children.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                        .as("children still running").isEmpty());
        assertThat(portIsFree(port)).isTrue();

        Process again = devstack(port);
        awaitServing(port, again);
        again.destroy(); // SIGTERM: the devstack stops its children itself
        assertThat(again.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(postmaster()).isEmpty();
    }

    private Process devstack(int port) throws IOException {
        Path jar = Devstack.findRepoRoot().resolve("services/devstack/target/devstack-app.jar");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--data-dir", dataDir.toString(), "--port", String.valueOf(port),
                "--hosts", "2", "--replicas", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("console.log").toFile()))
                .start();
        started.add(process);
        return process;
    }

    private void awaitServing(int port, Process devstack) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            assertThat(devstack.isAlive()).as("devstack exited; see " + dataDir.resolve("console.log")).isTrue();
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/openapi.json")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                .filter(ProcessHandle::isAlive);
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void cleanUp() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
        if (dataDir != null) {
            TestInfrastructure.deleteTree(dataDir);
        }
    }
}
