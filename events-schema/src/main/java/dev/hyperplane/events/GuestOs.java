package dev.hyperplane.events;

/**
 * The operating system a VM runs.
 *
 * @param family       {@code windows} or {@code linux}
 * @param distribution e.g. {@code Windows Server}, {@code Ubuntu}, {@code RHEL/CentOS}
 * @param version      e.g. {@code 2022}, {@code 20.04 LTS}, {@code 7.6-7.9} (Linux: as the support tables head the column)
 * @param catalogId    Linux: the id of the support-table column the guest was resolved to, which also tells the
 *                     kernel and LIS source apart ({@code oracle-linux-7-5-7-8-uek5-built-in}); added to v1 later,
 *                     absent from older producers (then the column is the first with that title)
 */
public record GuestOs(String family, String distribution, String version, @OptionalField String catalogId) {

    /** A guest named by family, distribution and version only (Windows; Linux before resolution). */
    public GuestOs(String family, String distribution, String version) {
        this(family, distribution, version, null);
    }
}
