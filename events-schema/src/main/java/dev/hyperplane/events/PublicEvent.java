package dev.hyperplane.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A message that crosses a service boundary. Every implementation is a record listed in
 * {@link EventCatalog}, with a committed JSON Schema.
 */
public interface PublicEvent {

    /** The Kafka record key: keeps everything about one aggregate in one partition, in order. */
    @JsonIgnore
    String partitionKey();
}
