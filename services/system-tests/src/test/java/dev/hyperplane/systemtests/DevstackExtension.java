package dev.hyperplane.systemtests;

import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.testsupport.FreePort;
import dev.hyperplane.testsupport.TestInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One devstack per test JVM, on a free port with a throw-away data directory. */
final class DevstackExtension {
    private static Devstack devstack;
    private static Path dataDir;

    static synchronized Devstack devstack() {
        if (devstack == null) {
            try {
                dataDir = Files.createTempDirectory("hyperplane-system-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            devstack = Devstack.start(new Devstack.Options(Devstack.findRepoRoot(), dataDir, FreePort.pick(), hosts(),
                    replicas(), agents()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                devstack.close();
                if (!Boolean.getBoolean("devstack.keep-data")) { // -Ddevstack.keep-data=true for a post-mortem
                    TestInfrastructure.deleteTree(dataDir);
                }
            }));
        }
        return devstack;
    }

    /** Simulated hosts of the devstack: 4 for the system tests, {@code -Ddevstack.hosts} (the benchmarks: 50). */
    static int hosts() {
        return Integer.getInteger("devstack.hosts", 4);
    }

    /** Processes per service: {@code -Ddevstack.replicas}, 2 in the system tests (see the pom), 1 if unset. */
    static int replicas() {
        return Integer.getInteger("devstack.replicas", 1);
    }

    /** Agent processes: {@code -Ddevstack.agents}, 2 for the run between agents (see the pom), 1 if unset. */
    static int agents() {
        return Integer.getInteger("devstack.agents", 1);
    }

    private DevstackExtension() {
    }
}
