package dev.hyperplane.platform.axon;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import org.axonframework.modelling.saga.AbstractResourceInjector;

import java.util.Optional;

/** Gives sagas their {@code @Inject} fields from the CDI container (sagas are built by Axon, not by CDI). */
final class CdiResourceInjector extends AbstractResourceInjector {

    @Override
    protected <R> Optional<R> findResource(Class<R> requiredType) {
        InstanceHandle<R> handle = Arc.container().instance(requiredType);
        return handle.isAvailable() ? Optional.of(handle.get()) : Optional.empty();
    }
}
