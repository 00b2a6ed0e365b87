package dev.hyperplane.platform.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Proxy;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** What an unexpected failure answers, by the SQLSTATE underneath it. */
class ProblemMappersTest {
    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> method.getName().equals("getPath")
                    ? "/api/v1/vms" : null);

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
            "08006, 503, unavailable",      // the database went away mid-request (killed, restarting)
            "57P01, 503, unavailable",      // the database is shutting down
            "40001, 503, unavailable",      // serialization failure
            "22021, 400, unstorable-value", // a character text cannot hold
            "42P01, 500, internal"})        // a bug: no such table
    void a_failure_is_answered_by_what_it_says_about_the_moment(String sqlState, int status, String type) {
        RuntimeException failure = new IllegalStateException("SQL failed",
                new SQLException("from PostgreSQL", sqlState));

        Response response = new ProblemMappers().unexpected(failure, URI);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(((Problem) response.getEntity()).type()).endsWith("/" + type);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(status == 503 ? "1" : null);
    }
}
