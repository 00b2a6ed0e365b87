package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.Random;

/**
 * The guest side of the Dynamic Memory protocol (Linux {@code hv_balloon}, Windows' DM VSC): answers balloon,
 * unballoon and hot-add requests and produces the committed figure of the 1 s status report. Memory moves in
 * 2 MB balloon granules; Linux hot-adds address space in 128 MB sections and onlines the part the host backs.
 */
final class BalloonDriver implements Serializable {
    private static final long serialVersionUID = 1L;

    static final long GRANULE_MB = 2;
    static final long HOT_ADD_SECTION_MB = 128;

    private final boolean canHotAdd;
    private final boolean linux;
    /** Memory the guest handed back to the host through the balloon. */
    private long balloonedMb;
    /** Memory added beyond startup by hot-add and online; never removed again, only ballooned. */
    private long hotAddedMb;
    /** The guest said "success, 0 pages": the host must never try hot-add again. */
    private boolean hotAddPermanentlyFailed;
    /** Fault injection: the next hot-add hits an address-map conflict. */
    private boolean hotAddWillFail;

    BalloonDriver(boolean canHotAdd, boolean linux) {
        this.canHotAdd = canHotAdd;
        this.linux = linux;
    }

    boolean linux() {
        return linux;
    }

    long balloonedMb() {
        return balloonedMb;
    }

    /** Whether the host may still try hot-add: the guest can, and has not failed for good. */
    boolean canHotAddNow() {
        return canHotAdd && !hotAddPermanentlyFailed;
    }

    boolean hotAddPermanentlyFailed() {
        return hotAddPermanentlyFailed;
    }

    /** Fault injection: the next hot-add hits an address-map conflict. */
    void failNextHotAdd() {
        hotAddWillFail = true;
    }

    /** The guest went away (power-off, reset, save): a new boot starts with nothing ballooned or hot-added. */
    void guestGone() {
        balloonedMb = 0;
        hotAddedMb = 0;
        hotAddPermanentlyFailed = false;
    }

    /** RAM the guest kernel has online: startup plus everything hot-added. */
    long onlineMb(long startupMb) {
        return startupMb + hotAddedMb;
    }

    /**
     * Linux's balloon floor, piecewise-linear in RAM: the host is never given memory below it. Windows keeps no
     * such floor in this model.
     */
    static long floorMb(long ramMb) {
        if (ramMb < 128) {
            return 8 + ramMb / 2;
        }
        if (ramMb < 512) {
            return 40 + ramMb / 4;
        }
        if (ramMb < 2048) {
            return 104 + ramMb / 8;
        }
        if (ramMb < 8192) {
            return 232 + ramMb / 16;
        }
        return 488 + ramMb / 32;
    }

    /**
     * The committed figure of the status report (the only one the host's pressure algorithm uses): what the
     * workload committed, plus the balloon floor for Linux.
     */
    long committedMb(long workloadMb, long startupMb) {
        return workloadMb + (linux ? floorMb(onlineMb(startupMb)) : 0);
    }

    /**
     * BALLOON_REQUEST: give back up to {@code requestedMb}. Linux caps it at available memory minus the floor and
     * allocates without trying hard, so responses are often partial.
     *
     * @return MB actually returned, a multiple of 2 MB
     */
    long balloon(long requestedMb, long assignedMb, long workloadMb, long startupMb, Random random) {
        long available = assignedMb - workloadMb - (linux ? floorMb(onlineMb(startupMb)) : 0);
        long cap = Math.max(0, Math.min(requestedMb, available));
        long given = granules(Math.round(cap * (0.8 + 0.2 * random.nextDouble())));
        balloonedMb += given;
        return given;
    }

    /** UNBALLOON_REQUEST: the host hands ballooned memory back. */
    long unballoon(long requestedMb) {
        long returned = Math.min(granules(requestedMb), balloonedMb);
        balloonedMb -= returned;
        return returned;
    }

    /**
     * MEM_HOT_ADD_REQUEST for {@code requestedMb}. Linux ({@code hv_balloon}) onlines the pages the host backs: a
     * request beyond its regions adds a new region rounded up to 128 MB sections, whose unbacked rest stays offline
     * as a gap until a later request fills it. A permanent failure answers "success, 0 pages".
     *
     * @return MB added
     */
    long hotAdd(long requestedMb) {
        if (!canHotAdd || hotAddPermanentlyFailed) {
            return 0;
        }
        if (hotAddWillFail) {
            hotAddPermanentlyFailed = true;
            return 0;
        }
        long added = granules(requestedMb);
        hotAddedMb += added;
        return added;
    }

    /**
     * Linux: the hot-added address space, the online part rounded up to whole sections (regions only ever grow to
     * cover what is online); the offline gaps are what it holds beyond that. Windows adds no sections.
     */
    long hotAddRegionsMb() {
        return linux ? sectionsUp(hotAddedMb) : 0;
    }

    private static long granules(long mb) {
        return mb / GRANULE_MB * GRANULE_MB;
    }

    /** Whole 128 MB sections, rounded up: the region a hot-add adds. */
    private static long sectionsUp(long mb) {
        return (mb + HOT_ADD_SECTION_MB - 1) / HOT_ADD_SECTION_MB * HOT_ADD_SECTION_MB;
    }
}
