package dev.hyperplane.platform.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a consumer does with each kind of contract record, as a table instead of an {@code instanceof} chain:
 * {@code on(HostRegistered.class, facts::hostRegistered)}. A record of a kind not in the table, or one its
 * condition turns down, has no effect (and so leaves no inbox row).
 */
public final class EventHandlers {
    private final Map<Class<?>, Function<Object, Optional<Runnable>>> handlers = new LinkedHashMap<>();

    public <T> EventHandlers on(Class<T> type, Consumer<? super T> handler) {
        return on(type, event -> true, handler);
    }

    /** Handles records of {@code type} for which {@code when} holds. */
    public <T> EventHandlers on(Class<T> type, Predicate<? super T> when, Consumer<? super T> handler) {
        if (handlers.containsKey(type)) {
            throw new IllegalArgumentException(type.getSimpleName() + " is handled twice");
        }
        handlers.put(type, data -> {
            T event = type.cast(data);
            return when.test(event) ? Optional.of(() -> handler.accept(event)) : Optional.empty();
        });
        return this;
    }

    /** The effect of handling {@code data}, or empty when nothing handles it. */
    public Optional<Runnable> effectOf(Object data) {
        Function<Object, Optional<Runnable>> handler = data == null ? null : handlers.get(data.getClass());
        return handler == null ? Optional.empty() : handler.apply(data);
    }
}
