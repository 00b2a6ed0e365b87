package dev.hyperplane.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port nobody listens on, for a process started later. It is taken below the kernel's ephemeral range: a port
 * the kernel handed out (port 0) is free only until the next process asks the kernel for one, and a service
 * started a few seconds later found its port taken by another service's own listener. Below that range only a
 * process told to use a port binds it. A port is never handed out twice by one JVM.
 */
public final class FreePort {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public static int pick() {
        int below = ephemeralLow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && free(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // crowded below the range: the kernel's choice, as before
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Nobody listens on it on any address: binding the wildcard address conflicts with every listener. */
    private static boolean free(int port) {
        try (ServerSocket any = new ServerSocket(port, 1)) {
            return any.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The low end of the kernel's ephemeral ports (32768 on Linux by default; IANA's is 49152). */
    static int ephemeralLow() {
        try {
            int low = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return Math.max(low, LOWEST + 1_000);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private FreePort() {
    }
}
