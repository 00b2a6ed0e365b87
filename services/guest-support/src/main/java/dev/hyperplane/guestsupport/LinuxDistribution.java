package dev.hyperplane.guestsupport;

import java.io.Serializable;
import java.util.Locale;

/**
 * One column of Microsoft's Linux support tables: a distribution release with a given kernel and LIS source.
 *
 * @param distro    as Microsoft heads it, e.g. {@code RHEL/CentOS}, {@code Ubuntu}
 * @param version   the column header, e.g. {@code 7.6-7.9}, {@code 20.04 LTS}
 * @param kernel    {@code RHCK}, {@code UEK}, ... for Oracle Linux; {@code -} otherwise
 * @param lisSource {@code Built-in} or a downloaded LIS release, e.g. {@code LIS 4.3 download}
 */
public record LinuxDistribution(String distro, String version, String kernel, String lisSource) implements Serializable {

    /**
     * A stable, URL-safe id of the column, e.g. {@code rhel-centos-7-6-7-9-built-in} for RHEL/CentOS 7.6-7.9 with
     * built-in LIS: what a hosting panel stores and sends back.
     */
    public String id() {
        String raw = distro + " " + version + ("-".equals(kernel) ? "" : " " + kernel) + " " + lisSource;
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Built into the distribution's kernel (not one of Microsoft's downloadable LIS packages). */
    public boolean builtIn() {
        return !lisSource.toLowerCase(Locale.ROOT).contains("download");
    }

    @Override
    public String toString() {
        return distro + " " + version + ("-".equals(kernel) ? "" : " " + kernel) + " (" + lisSource + ")";
    }
}
