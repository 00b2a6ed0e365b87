package dev.hyperplane.provisioning.domain;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.GuestNames;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LinuxDistribution;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.guestsupport.WindowsGuests;
import dev.hyperplane.platform.api.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * What a requested VM needs from its guest OS, checked against Microsoft's Linux support tables before anything
 * is accepted: an unknown distribution, Gen2 without UEFI boot, Secure Boot without support, Dynamic Memory
 * without ballooning, growth past startup without hot-add, or sizes that are not 128 MB multiples are refused,
 * each naming its field and the missing feature. Windows guests support everything their host offers.
 */
public final class GuestCompatibility {
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final GuestNames NAMES = new GuestNames(MATRIX);
    private static final WindowsGuests WINDOWS = WindowsGuests.shipped();
    /** How many catalog ids a refusal suggests. */
    private static final int SUGGESTIONS = 3;
    /** Checked against the newest host: what a host version adds is placement's concern. */
    private static final HostVersion BEST_HOST = HostVersion.WS2022;

    /**
     * The guest as the request names it, resolved. Linux: to a column of the support tables, by its catalog id
     * ({@code guestOs.id}) or by a distribution (or a common alias) and a release inside the column's range, the
     * built-in column first unless {@code lisSource} says otherwise; the result carries the column's distribution,
     * title and id. Windows: to a guest on Microsoft's list of Windows guests for Hyper-V (a service pack may be
     * left out: {@code Windows Server 2008 R2}). What cannot be resolved is a field error naming the closest catalog ids.
     * (That the request names a guest at all is checked with the request's other fields.)
     */
    public static Resolution resolve(String family, String id, String distribution, String version, String lisSource,
                                     String kernel) {
        if (id != null && !id.isBlank()) {
            return NAMES.byId(id).map(GuestCompatibility::resolved)
                    .or(() -> WINDOWS.byId(id).map(GuestCompatibility::resolved))
                    .orElseGet(() -> refused("guestOs.id", "no guest OS " + id + "; closest: "
                            + String.join(", ", NAMES.closest("", id, SUGGESTIONS))));
        }
        if ("windows".equals(family)) {
            return WINDOWS.resolve(distribution, version).map(GuestCompatibility::resolved)
                    .orElseGet(() -> refused("guestOs", distribution + " " + version + " is not on Microsoft's list "
                            + "of Windows guests for Hyper-V; closest: "
                            + String.join(", ", WINDOWS.closest(distribution, version, SUGGESTIONS))));
        }
        return NAMES.resolve(distribution, version, lisSource, kernel).map(GuestCompatibility::resolved)
                .orElseGet(() -> refused("guestOs", distribution + " " + version
                        + " is not a release the Linux support tables cover; closest: "
                        + String.join(", ", NAMES.closest(distribution, version, SUGGESTIONS))
                        + " (see /api/v1/guest-os)"));
    }

    /** A resolved guest, or why there is none. */
    public record Resolution(GuestOs guest, List<Problem.FieldError> errors) {
    }

    private static Resolution resolved(WindowsGuests.WindowsGuest guest) {
        return new Resolution(new GuestOs("windows", guest.distribution(), guest.version(), guest.id()), List.of());
    }

    private static Resolution resolved(LinuxDistribution column) {
        return new Resolution(new GuestOs("linux", column.distro(), column.version(), column.id()), List.of());
    }

    private static Resolution refused(String field, String reason) {
        return new Resolution(null, List.of(new Problem.FieldError(field, reason)));
    }

    public static List<Problem.FieldError> check(GuestOs os, int generation, boolean secureBoot, long startupMb,
                                                 MemoryPlan memory) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (memory.enabled() && (memory.minimumMb() > startupMb || memory.maximumMb() < startupMb)) {
            errors.add(new Problem.FieldError("dynamicMemory",
                    "minimum must not exceed memoryMb (startup) and maximum must not be below it"));
        }
        if (!"linux".equals(os.family())) {
            windows(os, generation, secureBoot, errors);
            return errors;
        }
        var column = NAMES.column(os.catalogId(), os.distribution(), os.version());
        if (column.isEmpty()) {
            errors.add(new Problem.FieldError("guestOs", os.distribution() + " " + os.version()
                    + " is not in the Linux support tables; see /api/v1/guest-os"));
            return errors;
        }
        Guest guest = Guest.linux(column.get());
        if (generation == 2) {
            refuseUnless(guest, Feature.UEFI_BOOT, "generation", "generation 2 VMs", errors);
        }
        if (secureBoot) {
            if (generation != 2) {
                errors.add(new Problem.FieldError("secureBoot", "Secure Boot needs a generation 2 VM"));
            } else {
                refuseUnless(guest, Feature.SECURE_BOOT, "secureBoot", "Secure Boot", errors);
            }
        }
        if (memory.enabled()) {
            refuseUnless(guest, Feature.DM_BALLOON, "dynamicMemory", "Dynamic Memory", errors);
            if (memory.maximumMb() > startupMb) {
                refuseUnless(guest, Feature.DM_HOTADD, "dynamicMemory.maximumMb",
                        "growing past startup memory (or set maximum = startup)", errors);
            }
            for (long size : new long[]{startupMb, memory.minimumMb(), memory.maximumMb()}) {
                if (size % 128 != 0) {
                    errors.add(new Problem.FieldError("dynamicMemory", "Linux guests with Dynamic Memory need "
                            + "startup, minimum and maximum in multiples of 128 MB, got " + size + " MB"));
                    break;
                }
            }
        }
        return errors;
    }

    /** Generation 2 and Secure Boot as Microsoft's list of Windows guests gives them per version. */
    private static void windows(GuestOs os, int generation, boolean secureBoot, List<Problem.FieldError> errors) {
        var guest = os.catalogId() != null ? WINDOWS.byId(os.catalogId())
                : WINDOWS.resolve(os.distribution(), os.version());
        if (guest.isEmpty()) {
            return; // requested before Windows guests were checked
        }
        String name = guest.get().name();
        if (generation == 2 && guest.get().generation2() != WindowsGuests.Answer.YES) {
            errors.add(new Problem.FieldError("generation", name + " does not run in a generation 2 VM "
                    + "(Microsoft's list of Windows guests for Hyper-V)"));
        }
        if (secureBoot && guest.get().secureBoot() != WindowsGuests.Answer.YES) {
            errors.add(new Problem.FieldError("secureBoot", name + " does not boot with Secure Boot "
                    + "(Microsoft's list of Windows guests for Hyper-V)"));
        }
    }

    private static void refuseUnless(Guest guest, Feature feature, String field, String what,
                                     List<Problem.FieldError> errors) {
        String why = guest.whyNot(feature, BEST_HOST, MATRIX);
        if (why != null) {
            errors.add(new Problem.FieldError(field, what + " requires " + feature + ": " + why));
        }
    }

    private GuestCompatibility() {
    }
}
