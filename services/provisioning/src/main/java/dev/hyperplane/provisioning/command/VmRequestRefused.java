package dev.hyperplane.provisioning.command;

/** The VM cannot take the request in its current state; the API answers 409, 412 or 404 by {@link #kind()}. */
public class VmRequestRefused extends RuntimeException {

    public enum Kind {
        /** Another operation is running, or the VM's state does not allow it. */
        CONFLICT,
        /** {@code If-Match} named another version than the VM has. */
        VERSION_MISMATCH,
        /** The VM is deleted. */
        GONE
    }

    private final Kind kind;

    public VmRequestRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
