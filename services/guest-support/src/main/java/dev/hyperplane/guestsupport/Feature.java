package dev.hyperplane.guestsupport;

/**
 * The rows of Microsoft's Linux-on-Hyper-V support tables ({@code lis-feature-matrix.csv}, column
 * {@code feature_id}). Features Microsoft marks "2016+" also need a Windows Server 2016 or newer host.
 */
public enum Feature {
    CORE(false), ACC_TIME(true), VCPU256(false),
    JUMBO(false), VLAN(false), LIVE_MIGRATION(false), STATIC_IP(false), VRSS(false), TSO_CSUM(false), SRIOV(true),
    VHDX_RESIZE(false), VFC(false), LIVE_BACKUP(false), TRIM(false), SCSI_WWN(false),
    PAE(false), MMIO_GAP(false), DM_HOTADD(false), DM_BALLOON(false), RUNTIME_RESIZE(true),
    HV_VIDEO(false),
    KVP(false), NMI(false), FCOPY(false), LSVMBUS(false), HV_SOCKETS(true), PCI_DDA(true),
    UEFI_BOOT(false), SECURE_BOOT(true);

    private final boolean needsWs2016Host;

    Feature(boolean needsWs2016Host) {
        this.needsWs2016Host = needsWs2016Host;
    }

    /** Microsoft's tables mark these "2016+": the host must be Windows Server 2016 or newer. */
    public boolean needsWs2016Host() {
        return needsWs2016Host;
    }
}
