package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.provisioning.query.Quotas;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses what a tenant's quota cannot hold: 422 when the VM alone is too large, 409 when the rest is in use. The
 * memory counted is the most the VM can hold ({@code MemoryPlan.mostMb}): its Dynamic Memory maximum, so a VM cannot
 * grow past the quota on its own.
 */
public final class QuotaCheck {

    /**
     * @param memory      the VM's startup memory and plan: the quota counts the most it can hold
     * @param resizedVmId the VM being resized, or null for a new one
     */
    public static void require(Quotas quotas, String tenantId, int vcpus, long startupMb, MemoryPlan memory,
                        String resizedVmId) {
        long memoryMb = memory.mostMb(startupMb);
        String memoryField = memory.enabled() ? "dynamicMemory.maximumMb" : "memoryMb";
        Quotas.Quota quota = quotas.quota(tenantId);
        if (vcpus > quota.maxVcpus() || memoryMb > quota.maxMemoryMb()) {
            List<Problem.FieldError> errors = new ArrayList<>();
            if (vcpus > quota.maxVcpus()) {
                errors.add(new Problem.FieldError("vcpus", "more than the tenant's quota of " + quota.maxVcpus()));
            }
            if (memoryMb > quota.maxMemoryMb()) {
                errors.add(new Problem.FieldError(memoryField, "more than the tenant's quota of "
                        + quota.maxMemoryMb() + " MB"));
            }
            throw ProblemException.fields(422, "exceeds-quota", "Larger than the tenant's quota", errors);
        }
        List<Problem.FieldError> excess = quotas.check(tenantId, vcpus, memoryMb, resizedVmId).stream()
                .map(e -> new Problem.FieldError(e.field().equals("memoryMb") ? memoryField : e.field(), e.reason()))
                .toList();
        if (!excess.isEmpty()) {
            throw ProblemException.fields(409, "quota-exceeded", "Quota exceeded", excess);
        }
    }

    private QuotaCheck() {
    }
}
