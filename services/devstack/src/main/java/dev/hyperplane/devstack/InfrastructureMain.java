package dev.hyperplane.devstack;

import dev.hyperplane.testsupport.EmbeddedKafka;
import dev.hyperplane.testsupport.EmbeddedPostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The devstack's Kafka broker or PostgreSQL server, each a child process of its own (still the embedded binaries),
 * so a test can {@code kill -9} one and the supervisor starts it again on the same data and port, as Kubernetes
 * restarts a broker or database pod. It runs until its standard input ends, which happens when the devstack ends,
 * however it ends, and then stops its server cleanly.
 * <pre>
 *   java -cp ... dev.hyperplane.devstack.InfrastructureMain kafka    &lt;log dir&gt;  &lt;port&gt; &lt;controller port&gt;
 *   java -cp ... dev.hyperplane.devstack.InfrastructureMain postgres &lt;data dir&gt; &lt;port&gt;
 * </pre>
 */
public final class InfrastructureMain {
    private InfrastructureMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "kafka" -> kafka(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "postgres" -> postgres(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("kafka or postgres, not " + args[0]);
        }
        System.exit(0);
    }

    private static void kafka(Path logDir, int port, int controllerPort) {
        EmbeddedKafka broker = EmbeddedKafka.start(logDir, port, controllerPort);
        System.out.println("kafka serving on 127.0.0.1:" + port);
        awaitEndOfInput();
        System.out.println("the devstack is gone: stopping kafka");
        broker.close();
    }

    private static void postgres(Path dataDir, int port) throws Exception {
        stopLeftover(dataDir);
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, port);
        ProcessHandle postmaster = postmaster(dataDir).orElseThrow(() ->
                new IllegalStateException("PostgreSQL started but wrote no postmaster.pid"));
        System.out.println("postgres serving on 127.0.0.1:" + port + " (postmaster " + postmaster.pid() + ")");
        // pg_ctl detached the postmaster from this process: if it dies, this process exits too, so the supervisor
        // sees the database go and starts it again
        postmaster.onExit().thenRun(() -> {
            System.out.println("the postmaster died: exiting so that the devstack restarts PostgreSQL");
            Runtime.getRuntime().halt(3);
        });
        awaitEndOfInput();
        System.out.println("the devstack is gone: stopping postgres");
        server.close();
    }

    /**
     * The running postmaster of a data directory, from the first line of its {@code postmaster.pid}; empty when no
     * server runs there.
     */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A postmaster this data directory still has from a wrapper that was itself killed: stopped with its backends,
     * so the new server finds neither its port nor its shared memory taken.
     */
    private static void stopLeftover(Path dataDir) throws Exception {
        Optional<ProcessHandle> leftover = postmaster(dataDir);
        if (leftover.isPresent()) {
            System.out.println("stopping a leftover postmaster " + leftover.get().pid());
            leftover.get().descendants().forEach(ProcessHandle::destroyForcibly);
            leftover.get().destroyForcibly();
            leftover.get().onExit().get(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Blocks until standard input ends: the devstack closed it or died. */
    private static void awaitEndOfInput() {
        byte[] ignored = new byte[256];
        try {
            while (System.in.read(ignored) >= 0) {
                // the devstack never writes
            }
        } catch (IOException e) {
            // a broken pipe means the same
        }
    }
}
