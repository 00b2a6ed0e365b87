package dev.hyperplane.events;

/**
 * One entry of the contract: a record, its CloudEvents type, the topic it travels on and its JSON Schema.
 *
 * @param recordClass the Java record carried as the CloudEvent data
 * @param ceType      CloudEvents {@code type}, e.g. {@code dev.hyperplane.vm.started.v1}; the suffix is the
 *                    major version, bumped only for incompatible changes
 * @param topic       the Kafka topic
 */
public record MessageType(Class<? extends PublicEvent> recordClass, String ceType, String topic) {

    /** Where the committed schema lives on the classpath. */
    public String schemaResource() {
        return "/schemas/" + ceType + ".json";
    }

    /** The major version, the suffix of the type ({@code 1} for {@code ...v1}). */
    public int majorVersion() {
        return Integer.parseInt(ceType.substring(ceType.lastIndexOf(".v") + 2));
    }

    /** The CloudEvents {@code dataschema} attribute. */
    public String dataSchema() {
        return "urn:hyperplane:schema:" + ceType;
    }
}
