package dev.hyperplane.platform.axon;

import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.vm.VmPlaced;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContractRevisionsTest {
    private final ContractRevisions revisions = new ContractRevisions();

    @Test
    void every_contract_message_is_stored_with_the_major_version_of_its_type() {
        for (MessageType type : EventCatalog.ALL) {
            assertThat(revisions.revisionOf(type.recordClass())).as(type.ceType())
                    .isEqualTo(type.ceType().substring(type.ceType().lastIndexOf(".v") + 2));
        }
    }

    @Revision("3")
    record Internal(String id) {
    }

    record Unversioned(String id) {
    }

    @Test
    void other_payloads_keep_their_revision_annotation() {
        assertThat(revisions.revisionOf(Internal.class)).isEqualTo("3");
        assertThat(revisions.revisionOf(Unversioned.class)).isNull();
    }

    @Test
    void the_serializer_writes_the_revision_into_what_it_stores() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newMapper())
                .revisionResolver(revisions).build();
        SerializedObject<String> stored = serializer.serialize(
                new VmPlaced("vm-1", "host-1", Instant.parse("2026-12-02T10:00:00Z")), String.class);

        assertThat(stored.getType().getRevision()).isEqualTo("1");
        VmPlaced read = serializer.deserialize(stored);
        assertThat(read.hostId()).isEqualTo("host-1");
    }
}
