package dev.hyperplane.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type   stable URI of the kind of problem, e.g. {@code https://hyperplane.dev/problems/validation}
 * @param errors for validation problems: every offending field and why
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://hyperplane.dev/problems/";

    /** @param field JSON path of the field in the request, e.g. {@code memoryMb} or {@code guestOs.family} */
    public record FieldError(String field, String reason) {

        /** {@code field: reason; field: reason}: the detail of a problem about these fields. */
        public static String describe(List<FieldError> errors) {
            return errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; "));
        }
    }
}
