package dev.hyperplane.inventory.query;

import dev.hyperplane.events.MemoryPlan;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A VM of the fleet, whichever tenant owns it and whichever host runs it. */
@Entity
@Table(name = "fleet_vm")
public class FleetVm extends PanacheEntityBase {
    /**
     * Optimistic locking: two replicas may handle records about the same row at once (its VM's events and its
     * host's reports come on different topics); the later one fails, and handles its record again on the new row.
     */
    @Version
    public long version;

    @Id
    public String vmId;
    public String tenantId;
    public String name;
    public Integer vcpus;
    public Long memoryMb;
    public String guestFamily;
    public String guestDistribution;
    public String guestVersion;
    public String hostId;
    /** Requested, Placed, Running, Moving, Stopped, Lost, Unknown, Deleted or Failed: provisioning's lifecycle state. */
    public String state;
    public String failureReason;
    public Instant updatedAt;
    /** Hyper-V's view: Off, Starting, Running, Paused, Saved, Stopping, Saving, Resuming, Resetting. */
    public String powerState;
    /** NoContact, Ok or LostCommunication. */
    public String heartbeat;
    /** Reported by the guest's KVP daemon; empty while it does not run. */
    public String fqdn;
    public String ipv4;
    public String ipv6;
    public String osName;
    public String osVersion;
    public String integrationServicesVersion;
    public Boolean dynamicMemory;
    public Long memoryMinimumMb;
    public Long memoryMaximumMb;
    /** VMBus protocol version the guest negotiated, e.g. 3.0. */
    public String vmbusVersion;
    /** JSON: the channels of the last layout (device, instance, sub-channel, target vCPU). */
    public String vmbusChannels;
    /** JSON: integration service -> negotiated version. */
    public String integrationServices;
    /** JSON: support-table features the guest can use on its host. */
    public String lisSupported;
    /** JSON: feature -> why the guest cannot use it on its host. */
    public String lisUnsupported;

    /** vCPUs, startup memory and Dynamic Memory settings, as requested, resized or reported by the host. */
    void size(int vcpus, long memoryMb, MemoryPlan memory) {
        this.vcpus = vcpus;
        this.memoryMb = memoryMb;
        this.dynamicMemory = memory.enabled();
        this.memoryMinimumMb = memory.minimumMb();
        this.memoryMaximumMb = memory.maximumMb();
    }
}
