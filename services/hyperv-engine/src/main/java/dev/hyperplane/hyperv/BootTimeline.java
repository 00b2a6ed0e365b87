package dev.hyperplane.hyperv;

import java.io.Serializable;

/**
 * When, after power-on, each step of a guest's boot happens (milliseconds). The order is the real one
 * (firmware, VMBus version negotiation, offers and channel opening, integration-service negotiation, user-space
 * daemons); the durations are a model of a typical small VM.
 */
final class BootTimeline implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Firmware done, the OS kernel runs: Hyper-V reports Running. */
    static final long RUNNING = 1_000;
    /** vmbus driver: INITIATE_CONTACT / VERSION_RESPONSE, then REQUESTOFFERS / offers. */
    static final long VMBUS_CONNECTED = 2_000;
    /** Drivers built their GPADLs and sent OPENCHANNEL; the host answered. */
    static final long CHANNELS_OPENED = 3_000;
    /** The host spoke first on every IC channel (NEGOTIATE) and the guest answered. */
    static final long IC_NEGOTIATED = 4_000;
    /** User space is up: hv_kvp_daemon registered with the kernel. */
    static final long KVP_DAEMON = 8_000;
    /** hv_balloon suppresses status reports for pressure_report_delay = 45 s after it loads. */
    static final long DM_FIRST_STATUS = CHANNELS_OPENED + 45_000;
    /** A graceful shutdown through the shutdown IC until the guest powers off. */
    static final long SHUTDOWN = 5_000;
    /** Saving memory to disk. */
    static final long SAVE = 2_000;

    private BootTimeline() {
    }
}
