package dev.hyperplane.events;

/**
 * The operating system a VM runs.
 *
 * @param family       {@code windows} or {@code linux}
 * @param distribution e.g. {@code Windows Server}, {@code Ubuntu}, {@code RHEL/CentOS}
 * @param version      e.g. {@code 2022}, {@code 22.04 LTS}, {@code 7.9}
 */
public record GuestOs(String family, String distribution, String version) {
}
