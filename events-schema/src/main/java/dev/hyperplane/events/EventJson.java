package dev.hyperplane.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How the contract's records map to JSON: ISO-8601 timestamps, and a tolerant reader (unknown fields are
 * ignored so that producers can add optional fields without breaking consumers).
 */
public final class EventJson {

    /** Applies the contract's settings to a mapper (e.g. a copy of the application's own). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    private EventJson() {
    }
}
