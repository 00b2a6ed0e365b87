package dev.hyperplane.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortTest {

    /** The defect: a port from the kernel's ephemeral range was taken by another process's own listener. */
    @Test
    void ports_come_from_below_the_ephemeral_range_are_bindable_and_never_handed_out_twice() throws IOException {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePort.pick();
            assertThat(port).isBetween(10_000, FreePort.ephemeralLow() - 1);
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = FreePort.pick();
        try (ServerSocket socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
