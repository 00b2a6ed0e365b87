package dev.hyperplane.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, when a Docker daemon answers. */
final class ContainerPostgres implements PostgresService {
    private final PostgreSQLContainer container;

    ContainerPostgres() {
        container = new PostgreSQLContainer("postgres:17-alpine")
                .withUsername("postgres")
                .withPassword("postgres")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        container.start();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
