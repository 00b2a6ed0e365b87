package dev.hyperplane.inventory.query;

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
    /** Requested, Placed, Running or Failed. */
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
}
