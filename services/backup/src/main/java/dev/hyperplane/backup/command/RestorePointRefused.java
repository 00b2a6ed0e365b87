package dev.hyperplane.backup.command;

/** A change to a restore point that cannot be made: it is protected, or there is no such point. */
public class RestorePointRefused extends RuntimeException {
    public RestorePointRefused(String message) {
        super(message);
    }
}
