package dev.hyperplane.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One child process of the devstack, kept running the way Kubernetes keeps a pod: when it exits without being
 * asked to (a crash, {@code kill -9}, an out-of-memory kill), it is started again after a backoff of 1 s, doubling
 * up to 30 s, back to 1 s once a run lasted a minute; the console says so. Its output goes to a log file. Its
 * standard input is a pipe the devstack never writes: when the devstack ends, however it ends, the kernel closes
 * it, and the child, which waits for that end-of-file, stops too.
 */
public final class SupervisedProcess {
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);
    private static final ScheduledExecutorService RESTARTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "devstack-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final List<String> command;
    private final int port;
    private final BooleanSupplier ready;
    private final Path log;
    private final Supplier<Optional<ProcessHandle>> alsoKill;
    private Process process;
    private boolean held;
    private long startedAt;
    private int crashesInARow;
    private int restarts;

    /**
     * @param port     where it serves (for the gateway and for tests), or 0
     * @param ready    whether it serves yet
     * @param alsoKill a process it runs that outlives it when killed (PostgreSQL's postmaster, which pg_ctl
     *                 detaches), killed with it
     */
    public SupervisedProcess(String name, List<String> command, int port, BooleanSupplier ready, Path log,
                             Supplier<Optional<ProcessHandle>> alsoKill) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.ready = ready;
        this.log = log;
        this.alsoKill = alsoKill;
    }

    /** Starts it unless it runs, and supervises it from now on (also after {@link #killAndKeepDown}). */
    public synchronized void start() {
        held = false;
        if (process == null || !process.isAlive()) {
            launch();
        }
    }

    private void launch() {
        try {
            Files.createDirectories(log.getParent());
            Process started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start(); // stdin stays a pipe: see the class comment
            process = started;
            startedAt = System.nanoTime();
            started.onExit().thenRun(() -> exited(started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private synchronized void exited(Process which) {
        if (held || which != process) {
            return;
        }
        boolean ranHealthy = System.nanoTime() - startedAt >= HEALTHY_RUN.toNanos();
        crashesInARow = ranHealthy ? 1 : crashesInARow + 1;
        Duration wait = backoff(crashesInARow);
        restarts++;
        System.out.printf("[devstack] %s exited with code %d; restarting in %d s (restart %d, see %s)%n", name,
                which.exitValue(), wait.toSeconds(), restarts, log);
        RESTARTS.schedule(this::restart, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The wait before the {@code crashes}-th restart in a row: 1 s, doubling, at most 30 s. */
    static Duration backoff(int crashes) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(crashes, 1) - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private synchronized void restart() {
        if (!held && (process == null || !process.isAlive())) {
            launch();
        }
    }

    /** Waits until it serves, across restarts, or the timeout passes. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (held && (process == null || !process.isAlive())) {
                    throw new IllegalStateException(name + " is kept down; start it first");
                }
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + " (" + restarts() + " restarts); see "
                + log);
    }

    /** Like a crash or an OOM kill: SIGKILL, no shutdown hooks; the supervisor starts it again. */
    public void kill() {
        killNow();
    }

    /** SIGKILL, and no restart until {@link #start}: a process that stays away (a node that does not come back). */
    public void killAndKeepDown() {
        synchronized (this) {
            held = true;
        }
        killNow();
    }

    private void killNow() {
        Process current;
        synchronized (this) {
            current = process;
        }
        alsoKill.get().ifPresent(extra -> {
            extra.descendants().forEach(ProcessHandle::destroyForcibly);
            extra.destroyForcibly();
        });
        if (current != null) {
            current.destroyForcibly();
            await(current, Duration.ofSeconds(10));
        }
    }

    /** Graceful stop (SIGTERM, then SIGKILL if it does not exit in time); not restarted. */
    public void stop() {
        Process current;
        synchronized (this) {
            held = true;
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!await(current, Duration.ofSeconds(20))) {
            current.destroyForcibly();
            await(current, Duration.ofSeconds(5));
        }
    }

    private static boolean await(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The running process, if any (its PID and its children, for tests that look for leftovers). */
    public synchronized Optional<ProcessHandle> handle() {
        return process == null || !process.isAlive() ? Optional.empty() : Optional.of(process.toHandle());
    }

    /** How often the supervisor restarted it. */
    public synchronized int restarts() {
        return restarts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
