package dev.hyperplane.inventory.query;

import dev.hyperplane.events.MemoryPlan;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A VM of the fleet, whichever tenant owns it and whichever host runs it. */
@Entity
@Table(name = "fleet_vm")
public class FleetVm extends PanacheEntityBase {
    @Id
    @Column(name = "vm_id")
    public String vmId;
    @Column(name = "tenant_id")
    public String tenantId;
    public String name;
    public Integer vcpus;
    @Column(name = "memory_mb")
    public Long memoryMb;
    @Column(name = "guest_family")
    public String guestFamily;
    @Column(name = "guest_distribution")
    public String guestDistribution;
    @Column(name = "guest_version")
    public String guestVersion;
    @Column(name = "host_id")
    public String hostId;
    /** Requested, Placed, Running, Stopped, Deleted or Failed: provisioning's lifecycle state. */
    public String state;
    @Column(name = "failure_reason")
    public String failureReason;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Hyper-V's view: Off, Starting, Running, Paused, Saved, Stopping, Saving, Resuming, Resetting. */
    @Column(name = "power_state")
    public String powerState;
    /** NoContact, Ok or LostCommunication. */
    public String heartbeat;
    /** Reported by the guest's KVP daemon; empty while it does not run. */
    public String fqdn;
    public String ipv4;
    public String ipv6;
    @Column(name = "os_name")
    public String osName;
    @Column(name = "os_version")
    public String osVersion;
    @Column(name = "integration_services_version")
    public String integrationServicesVersion;
    @Column(name = "dynamic_memory")
    public Boolean dynamicMemory;
    @Column(name = "memory_minimum_mb")
    public Long memoryMinimumMb;
    @Column(name = "memory_maximum_mb")
    public Long memoryMaximumMb;
    /** VMBus protocol version the guest negotiated, e.g. 3.0. */
    @Column(name = "vmbus_version")
    public String vmbusVersion;
    /** JSON: the channels of the last layout (device, instance, sub-channel, target vCPU). */
    @Column(name = "vmbus_channels")
    public String vmbusChannels;
    /** JSON: integration service -> negotiated version. */
    @Column(name = "integration_services")
    public String integrationServices;
    /** JSON: support-table features the guest can use on its host. */
    @Column(name = "lis_supported")
    public String lisSupported;
    /** JSON: feature -> why the guest cannot use it on its host. */
    @Column(name = "lis_unsupported")
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
