package dev.hyperplane.platform.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventJson;

/** How read models keep nested values (lists, maps, samples) in text columns, with the contract's JSON mapping. */
public final class JsonColumn {
    private static final ObjectMapper JSON = EventJson.newMapper();

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + json, e);
        }
    }

    private JsonColumn() {
    }
}
