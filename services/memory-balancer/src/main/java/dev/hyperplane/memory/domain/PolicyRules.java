package dev.hyperplane.memory.domain;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a memory policy suits a VM's guest, by Hyper-V's limits (Set-VMMemory) and the notes of Microsoft's
 * Linux support tables: Dynamic Memory needs a 64-bit guest whose LIS can balloon; a guest that cannot hot-add
 * only balloons, so its maximum must equal its startup memory (note 11); Linux sizes are multiples of 128 MB
 * (note 10). Every broken rule is reported with its field.
 */
public final class PolicyRules {
    public static final long MIN_MEMORY_MB = 32;
    public static final long MAX_MEMORY_MB = 1024 * 1024;
    public static final int MIN_BUFFER_PERCENT = 5;
    public static final int MAX_BUFFER_PERCENT = 2000;
    public static final int DEFAULT_BUFFER_PERCENT = 20;

    /** The checks for a policy of one VM, whose guest is known. */
    public static List<Problem.FieldError> check(long startupMb, MemoryPlan plan, GuestMemoryProfile guest) {
        List<Problem.FieldError> errors = new ArrayList<>(checkRanges(startupMb, plan));
        if (!plan.enabled()) {
            return errors;
        }
        if (!guest.sixtyFourBit()) {
            errors.add(new Problem.FieldError("dynamic", "Dynamic Memory needs a 64-bit guest; this one reports "
                    + guest.architecture()));
        }
        if (!guest.canBalloon()) {
            errors.add(new Problem.FieldError("dynamic", "the guest cannot use Dynamic Memory: "
                    + guest.whyNoBalloon()));
        } else if (!guest.canHotAdd() && plan.maximumMb() != startupMb) {
            errors.add(new Problem.FieldError("maximumMb", "the guest can balloon but not hot-add ("
                    + guest.whyNoHotAdd() + "): set maximum = startup (" + startupMb + " MB) so it gets all its "
                    + "memory at boot and only gives it back"));
        }
        if (guest.linux()) {
            requireSections(errors, "startupMb", startupMb);
            requireSections(errors, "minimumMb", plan.minimumMb());
            requireSections(errors, "maximumMb", plan.maximumMb());
        }
        return errors;
    }

    /** The limits that hold whatever the guest: used alone for a tenant's plan. */
    public static List<Problem.FieldError> checkRanges(long startupMb, MemoryPlan plan) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (startupMb < MIN_MEMORY_MB || startupMb > MAX_MEMORY_MB) {
            errors.add(new Problem.FieldError("startupMb", "must be 32 MB to 1 TB, got " + startupMb + " MB"));
        }
        if (!plan.enabled()) {
            return errors;
        }
        if (plan.minimumMb() < MIN_MEMORY_MB || plan.minimumMb() > startupMb) {
            errors.add(new Problem.FieldError("minimumMb", "must be between 32 MB and startup (" + startupMb
                    + " MB), got " + plan.minimumMb() + " MB"));
        }
        if (plan.maximumMb() < startupMb || plan.maximumMb() > MAX_MEMORY_MB) {
            errors.add(new Problem.FieldError("maximumMb", "must be between startup (" + startupMb
                    + " MB) and 1 TB, got " + plan.maximumMb() + " MB"));
        }
        checkBufferAndWeight(plan, errors);
        return errors;
    }

    private static void checkBufferAndWeight(MemoryPlan plan, List<Problem.FieldError> errors) {
        if (plan.bufferPercent() < MIN_BUFFER_PERCENT || plan.bufferPercent() > MAX_BUFFER_PERCENT) {
            errors.add(new Problem.FieldError("bufferPercent", "must be 5-2000 %, got " + plan.bufferPercent()));
        }
        if (plan.priority() < 0 || plan.priority() > 100) {
            errors.add(new Problem.FieldError("priority", "must be 0-100, got " + plan.priority()));
        }
    }

    /** The limits of a tenant's plan: its minimum and maximum bound every VM's, whatever its size. */
    public static List<Problem.FieldError> checkPlan(MemoryPlan plan) {
        if (!plan.enabled()) {
            return List.of();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        checkBufferAndWeight(plan, errors);
        if (plan.minimumMb() < MIN_MEMORY_MB || plan.minimumMb() > MAX_MEMORY_MB) {
            errors.add(new Problem.FieldError("minimumMb", "must be 32 MB to 1 TB, got " + plan.minimumMb() + " MB"));
        }
        if (plan.maximumMb() < plan.minimumMb() || plan.maximumMb() > MAX_MEMORY_MB) {
            errors.add(new Problem.FieldError("maximumMb", "must be between the minimum (" + plan.minimumMb()
                    + " MB) and 1 TB, got " + plan.maximumMb() + " MB"));
        }
        return errors;
    }

    /**
     * A VM's policy may not let it hold more than provisioning approved for it (its Dynamic Memory maximum, else its
     * startup memory, which the tenant's quota counts): raising that is a resize through provisioning.
     */
    public static List<Problem.FieldError> checkApproved(String vmId, long startupMb, MemoryPlan plan,
                                                         long approvedMostMb) {
        if (plan.mostMb(startupMb) <= approvedMostMb) {
            return List.of();
        }
        String field = startupMb > approvedMostMb ? "startupMb" : "maximumMb";
        return List.of(new Problem.FieldError(field, "more than the " + approvedMostMb + " MB provisioning approved "
                + "for this VM (the tenant's quota counts it): raise it with a resize, POST /api/v1/vms/" + vmId
                + "/resize"));
    }

    /**
     * What a tenant's plan means for one of its VMs of {@code startupMb}: startup stays the VM's size, the
     * minimum is capped at it and the maximum raised to it, but never above what provisioning approved for the VM;
     * a guest that cannot hot-add keeps maximum = startup.
     */
    public static MemoryPlan applyPlan(MemoryPlan tenantPlan, long startupMb, GuestMemoryProfile guest,
                                       long approvedMostMb) {
        if (!tenantPlan.enabled() || !guest.canBalloon() || !guest.sixtyFourBit()) {
            return MemoryPlan.fixed(startupMb);
        }
        long minimum = Math.min(tenantPlan.minimumMb(), startupMb);
        long maximum = guest.canHotAdd()
                ? Math.max(Math.min(tenantPlan.maximumMb(), approvedMostMb), startupMb) : startupMb;
        if (guest.linux()) {
            minimum = Math.max(MemoryMath.SECTION_MB, minimum / MemoryMath.SECTION_MB * MemoryMath.SECTION_MB);
            maximum = MemoryMath.roundUp128(maximum);
        }
        return new MemoryPlan(true, minimum, maximum, tenantPlan.bufferPercent(), tenantPlan.priority());
    }

    private static void requireSections(List<Problem.FieldError> errors, String field, long mb) {
        if (mb % MemoryMath.SECTION_MB != 0) {
            errors.add(new Problem.FieldError(field, "Linux guests need multiples of 128 MB (hot-add works in "
                    + "128 MB sections), got " + mb + " MB"));
        }
    }

    private PolicyRules() {
    }
}
