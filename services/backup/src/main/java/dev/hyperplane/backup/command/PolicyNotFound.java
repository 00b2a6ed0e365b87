package dev.hyperplane.backup.command;

/** A command for a policy that does not exist, or was deleted. */
public class PolicyNotFound extends RuntimeException {
    public PolicyNotFound(String policyId) {
        super("no backup policy " + policyId);
    }
}
