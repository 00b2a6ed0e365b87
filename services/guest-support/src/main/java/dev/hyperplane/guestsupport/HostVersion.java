package dev.hyperplane.guestsupport;

import java.util.Arrays;
import java.util.Optional;

/**
 * Windows Server versions a Hyper-V host can run, with the protocol versions each offers to guests (the Linux
 * kernel's hv drivers name them: {@code drivers/hv/connection.c}, {@code hv_balloon.c}, {@code hyperv_fb.c},
 * {@code hv_util.c}; live-migration pass limits from Microsoft's Hyper-V documentation).
 *
 * @param vmbusVersion        VMBus protocol, {@code major << 16 | minor}: 2.4 = WS2012, 3.0 = WS2012 R2,
 *                            4.0 = WS2016, 5.2 = WS2019, 5.3 = WS2022
 * @param maxMigrationPasses  pre-copy passes before blackout: 5 from WS2012 R2 on; WS2012 keeps the WS2008 R2
 *                            limit of 10 (the sources give no number for WS2012: an assumption)
 * @param videoProtocol       synthetic video: 3.2 for Win8/2012-era hosts, 3.5 from WS2016 (resolution query)
 * @param dmProtocol          hv_balloon: 1.0 ("Win8") for WS2012/R2, 2.0 ("Win10") from WS2016
 * @param timeSyncIc          time sync IC: 4.0 (accurate time, reference counter) from WS2016, else 3.0
 */
public enum HostVersion {
    WS2012("2012", 0x0002_0004, 10, "3.2", "1.0", "3.0"),
    WS2012_R2("2012 R2", 0x0003_0000, 5, "3.2", "1.0", "3.0"),
    WS2016("2016", 0x0004_0000, 5, "3.5", "2.0", "4.0"),
    WS2019("2019", 0x0005_0002, 5, "3.5", "2.0", "4.0"),
    WS2022("2022", 0x0005_0003, 5, "3.5", "2.0", "4.0");

    private final String label;
    private final int vmbusVersion;
    private final int maxMigrationPasses;
    private final String videoProtocol;
    private final String dmProtocol;
    private final String timeSyncIc;

    HostVersion(String label, int vmbusVersion, int maxMigrationPasses, String videoProtocol, String dmProtocol,
                String timeSyncIc) {
        this.label = label;
        this.vmbusVersion = vmbusVersion;
        this.maxMigrationPasses = maxMigrationPasses;
        this.videoProtocol = videoProtocol;
        this.dmProtocol = dmProtocol;
        this.timeSyncIc = timeSyncIc;
    }

    /** As Windows names it, e.g. {@code 2012 R2}. */
    public String label() {
        return label;
    }

    public static HostVersion fromLabel(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("unknown Windows Server version: " + label));
    }

    /**
     * The label as the tables write it ({@code 2012 r2} -> {@code 2012 R2}), or the text as it is for a version the
     * tables do not know: such a host matches no guest's host versions, so placement passes it over with the reason
     * instead of failing every decision.
     */
    public static String canonicalLabel(String label) {
        return find(label).map(HostVersion::label).orElse(label);
    }

    private static Optional<HostVersion> find(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equalsIgnoreCase(label)).findFirst();
    }

    public int vmbusVersion() {
        return vmbusVersion;
    }

    public String vmbusVersionText() {
        return (vmbusVersion >>> 16) + "." + (vmbusVersion & 0xffff);
    }

    public int maxMigrationPasses() {
        return maxMigrationPasses;
    }

    public String videoProtocol() {
        return videoProtocol;
    }

    public String dmProtocol() {
        return dmProtocol;
    }

    public String timeSyncIc() {
        return timeSyncIc;
    }

    /** WS2016+: features the support tables mark "2016+" (accurate time, runtime resize, ...). */
    public boolean isWs2016OrNewer() {
        return compareTo(WS2016) >= 0;
    }

    /** Win8-era hosts (VMBus 2.4+) let the guest bind channels to vCPUs and offer sub-channels. */
    public boolean supportsMultiChannel() {
        return vmbusVersion >= 0x0002_0004;
    }

    /**
     * A crash kernel must re-attach to VMBus after kexec; pre-WS2012 R2 hosts do not support that reconnect
     * (VMBus 3.0 is the first that does).
     */
    public boolean supportsVmbusReconnect() {
        return vmbusVersion >= 0x0003_0000;
    }
}
