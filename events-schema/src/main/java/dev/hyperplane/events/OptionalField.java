package dev.hyperplane.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field added to a message after its version was published: producers of that version from before it send no
 * such field, so consumers must read it as unknown when absent (null). Its schema leaves it out of
 * {@code required} and allows null. Adding an optional field keeps the version; any other change (a new required
 * field, a field removed, renamed or retyped, an optional field made required) is a new major version of the
 * type ({@code .v2}), published alongside the old one until every consumer has moved.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OptionalField {
}
