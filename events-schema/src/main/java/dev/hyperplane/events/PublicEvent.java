package dev.hyperplane.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A message that crosses a service boundary. Every implementation is a record listed in
 * {@link EventCatalog}, with a committed JSON Schema.
 */
public interface PublicEvent {

    /**
     * The Kafka record key: keeps everything about one aggregate in one partition, in order. By default the value
     * of the topic's key field (the host id for host and agent traffic, the VM id for VM events); a message on a
     * topic without a key field (memory events) names its key itself.
     */
    @JsonIgnore
    default String partitionKey() {
        return EventCatalog.partitionKeyOf(this);
    }
}
