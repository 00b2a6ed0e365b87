package dev.hyperplane.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.hyperplane.platform.jdbc.SqlStates;
import dev.hyperplane.platform.messaging.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every error into RFC 9457 problem+json: validation failures list every field, malformed JSON names the
 * offending field, and nothing ever leaks a stack trace.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                Problem.FieldError.describe(errors), uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        String reason = e.getOriginalMessage();
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, reason));
        return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                field.isEmpty() ? reason : field + ": " + reason, uri.getPath(), errors));
    }

    /** Quarkus has its own mapper for this subtype; ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        return respond(new Problem(Problem.TYPE_BASE + "http-" + status,
                Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status, e.getMessage(), uri.getPath(), List.of()));
    }

    /** No token, or one that does not verify (bad signature, wrong issuer, expired). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(Problem.TYPE_BASE + "unauthenticated", "Unauthenticated", 401,
                        "a valid bearer token is required", uri.getPath(), List.of())))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token whose roles do not allow the request. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "the token's roles do not allow this request", uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        String state = SqlStates.firstIn(e);
        if (state != null && state.startsWith("22")) {
            // a data exception (a value too long for its column, a character text cannot hold) that no check at
            // the edge caught: the request is at fault, not the service
            LOG.warnf("data exception %s on %s: %s", state, uri.getPath(), e.getMessage());
            return respond(new Problem(Problem.TYPE_BASE + "unstorable-value", "Unstorable value", 400,
                    "a value is too long or holds a character that cannot be stored", uri.getPath(), List.of()));
        }
        if (TransientFailures.isTransient(e)) {
            // the database or the broker is restarting, a pool timed out: the moment's fault, not the request's
            LOG.warnf("unavailable for the moment on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(respond(new Problem(Problem.TYPE_BASE + "unavailable",
                    "Service unavailable", 503, "a database or broker the service needs is not answering for the "
                    + "moment; retry (with the same Idempotency-Key)", uri.getPath(), List.of())))
                    .header("Retry-After", "1").build();
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "the request failed; it is safe to retry with the same Idempotency-Key", uri.getPath(), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** {@code create.request.memoryMb} (method.parameter.field) becomes {@code memoryMb}. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : path;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
