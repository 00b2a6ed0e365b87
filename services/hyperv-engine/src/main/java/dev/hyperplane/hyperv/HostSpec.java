package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.HostVersion;

import java.io.Serializable;

/**
 * A physical Hyper-V host.
 *
 * @param rootReserveMb memory the management OS keeps; never given to VMs
 */
public record HostSpec(String hostId, HostVersion version, int logicalProcessors, int numaNodes, long memoryMb,
                       long rootReserveMb, MigrationSettings migration) implements Serializable {

    /**
     * Live-migration settings (Set-VMHost).
     *
     * @param simultaneous how many live migrations may run at once (default 2)
     */
    public record MigrationSettings(int simultaneous, MigrationTransport transport) implements Serializable {
        public static final MigrationSettings DEFAULT = new MigrationSettings(2, MigrationTransport.COMPRESSION);
    }

    /** Live-migration transports of WS2012 R2. */
    public enum MigrationTransport { TCP, COMPRESSION, SMB }
}
