package dev.hyperplane.devstack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar services/devstack/target/devstack.jar}: runs Hyperplane until Ctrl-C. */
@Command(name = "devstack", mixinStandardHelpOptions = true,
        description = "Runs Hyperplane on embedded Kafka and PostgreSQL behind one base URL, until Ctrl-C.")
public final class DevstackCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Kafka and PostgreSQL data and service logs (default: ${DEFAULT-VALUE})",
            defaultValue = "${sys:user.home}/.hyperplane")
    Path dataDir;

    @Option(names = "--port", description = "Port of the one base URL (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--hosts", description = "Simulated Hyper-V hosts (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int hosts;

    @Option(names = "--replicas", description = "Processes per service: inventory, provisioning, the memory "
            + "balancer, migration, backup and integrations (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int replicas;

    @Option(names = "--agents", description = "Hypervisor agent processes, the hosts spread over them; VMs migrate "
            + "between hosts of different agents (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int agents;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        long started = System.nanoTime();
        routeInfrastructureLogs(dataDir);
        Devstack devstack = Devstack.start(new Devstack.Options(Devstack.findRepoRoot(), dataDir, port, hosts,
                replicas, agents));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Hyperplane devstack...");
            devstack.close();
            stopped.countDown();
        }, "devstack-shutdown"));
        System.out.printf("Services: %s, %d replica(s) each but the agents, %d agent(s) with %d hosts (logs of each, "
                + "and of kafka and postgres, in %s)%n", devstack.serviceNames(), replicas, agents, hosts,
                dataDir.resolve("logs"));
        System.out.printf("Started in %.1f s%n", (System.nanoTime() - started) / 1e9);
        printDevTokens(devstack);
        System.out.println("Hyperplane devstack ready at " + devstack.baseUrl());
        stopped.await();
        return 0;
    }

    /**
     * The console shows Hyperplane's own lines; the embedded broker's and database's chatter (slf4j-simple, at
     * INFO) goes to {@code <data-dir>/logs/infrastructure.log}, beside each service's log. Set before the first
     * logger exists; {@code -Dorg.slf4j.simpleLogger.logFile=System.err} keeps it on the console.
     */
    static void routeInfrastructureLogs(Path dataDir) throws java.io.IOException {
        String property = "org.slf4j.simpleLogger.logFile";
        if (System.getProperty(property) == null) {
            Path logs = java.nio.file.Files.createDirectories(dataDir.resolve("logs"));
            System.setProperty(property, logs.resolve("infrastructure.log").toString());
        }
    }

    /** Bearer tokens for trying the API, valid for a day; also written to {@code <data-dir>/tokens.txt}. */
    private void printDevTokens(Devstack devstack) {
        var tokens = devstack.tokens();
        String text = """
                Dev bearer tokens (Authorization: Bearer <token>), valid 24 h:
                  fleet-admin:         %s
                  tenant-admin (acme): %s
                  tenant-user (acme):  %s
                """.formatted(tokens.fleetAdmin(), tokens.tenant("tenant-admin", "acme"),
                tokens.tenant("tenant-user", "acme"));
        System.out.print(text);
        try {
            java.nio.file.Files.writeString(dataDir.resolve("tokens.txt"), text);
        } catch (java.io.IOException e) {
            System.err.println("could not write tokens.txt: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new DevstackCommand()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
