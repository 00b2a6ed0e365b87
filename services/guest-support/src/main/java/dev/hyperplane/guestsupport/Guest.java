package dev.hyperplane.guestsupport;

import java.io.Serializable;
import java.util.Objects;

/**
 * The operating system inside a VM: Windows (full integration services) or a Linux distribution, whose
 * integration services are what Microsoft's support tables say for its column.
 *
 * @param linux the support-table column; {@code null} for Windows
 * @param name  what the guest reports as its OS name over KVP
 * @param bits  64, or 32 for a 32-bit (PAE) Linux kernel
 */
public record Guest(LinuxDistribution linux, String name, String version, int bits) implements Serializable {

    public static Guest windows(String version) {
        return new Guest(null, "Windows Server", version, 64);
    }

    public static Guest linux(LinuxDistribution distribution) {
        return new Guest(Objects.requireNonNull(distribution), distribution.distro(), distribution.version(), 64);
    }

    /** A 32-bit PAE kernel of the distribution (the support tables' PAE row says whether one exists). */
    public static Guest linux32(LinuxDistribution distribution) {
        return new Guest(Objects.requireNonNull(distribution), distribution.distro(), distribution.version(), 32);
    }

    public boolean isWindows() {
        return linux == null;
    }

    /**
     * Whether this guest can use a feature on a host of the given version: Windows guests have every integration
     * service their host offers; Linux guests what their column of the support tables marks supported; features
     * marked "2016+" additionally need a WS2016+ host.
     */
    public boolean supports(Feature feature, HostVersion host, LisMatrix matrix) {
        if (feature.needsWs2016Host() && !host.isWs2016OrNewer()) {
            return false;
        }
        return isWindows() || matrix.cell(linux, feature).supported();
    }

    /** Why not, in words a panel can show; {@code null} when supported. */
    public String whyNot(Feature feature, HostVersion host, LisMatrix matrix) {
        if (feature.needsWs2016Host() && !host.isWs2016OrNewer()) {
            return feature + " needs a Windows Server 2016 or newer host; this host runs " + host.label();
        }
        if (!isWindows() && !matrix.cell(linux, feature).supported()) {
            return feature + " is not supported by " + linux + " (" + matrix.cell(linux, feature).status() + ")";
        }
        return null;
    }

    @Override
    public String toString() {
        return isWindows() ? name + " " + version : linux.toString();
    }
}
