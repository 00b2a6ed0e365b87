package dev.hyperplane.events;

/**
 * The operating system a VM runs.
 *
 * @param family       {@code windows} or {@code linux}
 * @param distribution e.g. {@code Windows Server}, {@code Ubuntu}, {@code RHEL/CentOS}
 * @param version      e.g. {@code 2022}, {@code 20.04 LTS}, {@code 7.6-7.9} (Linux: as the support tables head the column)
 */
public record GuestOs(String family, String distribution, String version) {
}
