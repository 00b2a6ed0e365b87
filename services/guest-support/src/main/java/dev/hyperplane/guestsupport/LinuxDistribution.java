package dev.hyperplane.guestsupport;

/**
 * One column of Microsoft's Linux support tables: a distribution release with a given kernel and LIS source.
 *
 * @param distro    as Microsoft heads it, e.g. {@code RHEL/CentOS}, {@code Ubuntu}
 * @param version   the column header, e.g. {@code 7.6-7.9}, {@code 20.04 LTS}
 * @param kernel    {@code RHCK}, {@code UEK}, ... for Oracle Linux; {@code -} otherwise
 * @param lisSource {@code Built-in} or a downloaded LIS release, e.g. {@code LIS 4.3 download}
 */
public record LinuxDistribution(String distro, String version, String kernel, String lisSource) {

    @Override
    public String toString() {
        return distro + " " + version + ("-".equals(kernel) ? "" : " " + kernel) + " (" + lisSource + ")";
    }
}
