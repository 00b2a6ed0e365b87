package dev.hyperplane.memory.domain;

/** The few sums every memory rule uses. */
public final class MemoryMath {
    /** Linux hot-adds memory in 128 MB sections; Hyper-V sizes targets in the same steps. */
    public static final long SECTION_MB = 128;

    public static long roundUp128(long mb) {
        return (mb + SECTION_MB - 1) / SECTION_MB * SECTION_MB;
    }

    /** {@code part / whole} in whole percent; 0 when there is no whole. */
    public static int percent(long part, long whole) {
        return whole <= 0 ? 0 : (int) Math.round(100.0 * part / whole);
    }

    private MemoryMath() {
    }
}
