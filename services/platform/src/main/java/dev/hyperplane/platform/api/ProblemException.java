package dev.hyperplane.platform.api;

import java.util.List;

/** Thrown by resources and services to answer with a problem+json response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist", List.of());
    }

    /** 409: the resource's state does not allow the request now; {@code detail} says why. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of());
    }

    public static ProblemException invalidField(int status, String field, String reason) {
        return fields(status, "validation", "Invalid request", List.of(new Problem.FieldError(field, reason)));
    }

    /** A problem about several fields; the detail names each with its reason. */
    public static ProblemException fields(int status, String slug, String title, List<Problem.FieldError> errors) {
        return new ProblemException(status, slug, title, Problem.FieldError.describe(errors), errors);
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}
