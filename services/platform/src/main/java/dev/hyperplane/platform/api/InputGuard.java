package dev.hyperplane.platform.api;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Checks what every request carries in its path and query before a resource sees it, so that no id or filter
 * the database cannot take turns into a 500: a NUL character (PostgreSQL text cannot hold one) in any parameter,
 * and a path id longer than any id column ({@value #MAX_ID_LENGTH} characters) are a 400 problem naming the
 * parameter. Bodies are checked when they are read ({@link NulRejectingStrings}).
 */
public class InputGuard {
    /** Every id column is VARCHAR(64). */
    static final int MAX_ID_LENGTH = 64;

    @ServerRequestFilter
    public void guard(UriInfo uri) {
        check(uri.getPathParameters(), true);
        check(uri.getQueryParameters(), false);
    }

    private static void check(MultivaluedMap<String, String> parameters, boolean pathIds) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\0') >= 0) {
                    throw ProblemException.invalidField(400, parameter.getKey(), "must not contain NUL characters");
                }
                if (pathIds && value.length() > MAX_ID_LENGTH) {
                    throw ProblemException.invalidField(400, parameter.getKey(),
                            "at most " + MAX_ID_LENGTH + " characters, was " + value.length());
                }
            }
        }
    }
}
