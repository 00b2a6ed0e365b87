package dev.hyperplane.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server from zonky's embedded binaries. As root it runs in a user namespace
 * ({@code unshare -U}, done by zonky), because postgres refuses to run as root. fsync is off: fine for tests and
 * the devstack, never for production; it matters only when the machine itself crashes. Commits stay synchronous: a
 * commit is in the WAL (in the operating system's cache) before it is acknowledged, so {@code kill -9} of PostgreSQL
 * loses nothing acknowledged. With {@code synchronous_commit=off} the kill matrix lost acknowledged transactions
 * that services had already acted on (Axon handed a saga an event from its in-memory cache whose VM was gone).
 */
public final class EmbeddedPostgresServer implements PostgresService {
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives; {@code null} for a throw-away one
     * @param port    0 picks a free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePort.pick() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
