package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;

import java.util.UUID;

/**
 * VMBus device classes: the offer's {@code if_type} GUID selects the guest driver (include/linux/hyperv.h).
 * "Performance" classes get their channel interrupts spread over vCPUs; the others stay on vCPU 0.
 */
public enum DeviceClass {
    NETWORK("f8615163-df3e-46c5-913f-f2d2f965ed0e", true, Feature.CORE),
    SCSI("ba6163d9-04a1-4d29-b605-72e2ffb1dc7f", true, Feature.CORE),
    SHUTDOWN("0e0b6031-5213-4934-818b-38d90ced39db", false, Feature.CORE),
    TIME_SYNC("9527e630-d0ae-497b-adce-e80ab0175caf", false, Feature.CORE),
    HEARTBEAT("57164f39-9115-4e78-ab55-382f3bd5422d", false, Feature.CORE),
    KVP("a9a0f4e7-5a45-4d96-b827-8a841e8c03e6", false, Feature.KVP),
    DYNAMIC_MEMORY("525074dc-8985-46e2-8057-a307dc18a502", false, Feature.DM_BALLOON),
    VSS("35fa2e29-ea23-4236-96ae-3a6ebacba440", false, Feature.LIVE_BACKUP),
    FILE_COPY("34d14be3-dee4-41c8-9ae7-6b174977c192", false, Feature.FCOPY),
    VIDEO("da0a7802-e377-4aac-8e77-0558eb1073f8", false, Feature.HV_VIDEO),
    MOUSE("cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a", false, Feature.CORE),
    KEYBOARD("f912ad6d-2b17-48ea-bd65-f927a61c7684", false, Feature.CORE);

    private final UUID classId;
    private final boolean performance;
    private final Feature guestFeature;

    DeviceClass(String classId, boolean performance, Feature guestFeature) {
        this.classId = UUID.fromString(classId);
        this.performance = performance;
        this.guestFeature = guestFeature;
    }

    public UUID classId() {
        return classId;
    }

    public boolean performance() {
        return performance;
    }

    /** The support-table row that says whether a Linux guest has a driver for this class. */
    public Feature guestFeature() {
        return guestFeature;
    }
}
