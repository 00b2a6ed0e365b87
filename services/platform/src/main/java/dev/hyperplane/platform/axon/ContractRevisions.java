package dev.hyperplane.platform.axon;

import dev.hyperplane.events.EventCatalog;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * The revision Axon stores with each event: for a message of the public contract, the major version of its
 * CloudEvents type ({@code 1} for {@code dev.hyperplane.vm.started.v1}), so a stored event names the version of
 * the contract it was written in without the contract module depending on Axon; anything else (sagas, internal
 * events) by Axon's {@code @Revision} annotation. An incompatible change is a new type version, and an upcaster
 * keyed by these revisions reads the old events.
 */
public final class ContractRevisions implements RevisionResolver {
    private final RevisionResolver annotated = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        return EventCatalog.forClass(payloadType).map(type -> String.valueOf(type.majorVersion()))
                .orElseGet(() -> annotated.revisionOf(payloadType));
    }
}
