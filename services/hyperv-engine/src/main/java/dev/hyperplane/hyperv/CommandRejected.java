package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;

/**
 * The engine refused a command. {@code feature} names the unsupported feature when that is the reason
 * (else {@code null}), so a control plane can tell its user exactly what the guest or host lacks.
 */
public final class CommandRejected extends RuntimeException {
    private final Feature feature;

    public CommandRejected(String reason, Feature feature) {
        super(reason);
        this.feature = feature;
    }

    public CommandRejected(String reason) {
        this(reason, null);
    }

    public Feature feature() {
        return feature;
    }
}
