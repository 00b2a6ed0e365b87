package dev.hyperplane.inventory.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventJson;

/** How the read model keeps nested values (channels, capabilities, memory samples) in its text columns. */
public final class ReadModelJson {
    private static final ObjectMapper JSON = EventJson.newMapper();

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model column: " + json, e);
        }
    }

    private ReadModelJson() {
    }
}
