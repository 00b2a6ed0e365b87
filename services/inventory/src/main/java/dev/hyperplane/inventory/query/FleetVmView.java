package dev.hyperplane.inventory.query;

import dev.hyperplane.platform.jdbc.JsonColumn;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A VM of the fleet as panels see it: provisioning's lifecycle state and placement, and what its host reports —
 * power state, heartbeat, KVP guest info, effective LIS capabilities, VMBus channel layout and current memory.
 */
public record FleetVmView(
        String vmId, String tenantId, String name, Integer vcpus,
        @Schema(description = "Startup memory") Long memoryMb,
        String guestFamily, String guestDistribution, String guestVersion, String hostId,
        @Schema(description = "Requested, Placed, Running, Moving, Stopped, Lost, Unknown, Deleted or Failed") String state,
        String failureReason,
        @Schema(description = "Hyper-V's view: Off, Starting, Running, Paused, Saved, Stopping, Saving, Resuming, "
                + "Resetting") String powerState,
        @Schema(description = "NoContact, Ok or LostCommunication") String heartbeat,
        String fqdn, String ipv4, String ipv6, String osName, String osVersion, String integrationServicesVersion,
        Memory memory, Lis lis, Vmbus vmbus, Instant updatedAt) {

    /**
     * Memory settings and, once the host reported it, what the VM holds now.
     *
     * @param assignedMb memory the host gave the VM at the sample
     * @param demandMb   what the guest needs (its Dynamic Memory status report, else its commitment)
     * @param pressure   demand / assigned, percent
     * @param sampledAt  when the host measured it; null before its first report
     */
    public record Memory(Boolean dynamic, Long minimumMb, Long maximumMb, Long assignedMb, Long demandMb,
                         Integer pressure, Instant sampledAt) {
    }

    /**
     * The guest's Linux Integration Services as negotiated on its current host.
     *
     * @param integrationServices integration service -> negotiated version
     * @param supportedFeatures   support-table features the guest can use on this host
     * @param unsupportedFeatures feature -> why the guest cannot use it here
     */
    public record Lis(Map<String, String> integrationServices, List<String> supportedFeatures,
                      Map<String, String> unsupportedFeatures) {
    }

    /** The VMBus protocol version and the channels with the vCPU each interrupts. */
    public record Vmbus(String version, List<VmbusChannelsOpened.Channel> channels) {
    }

    /**
     * @param sample    the VM's entry in its host's latest memory sample, or null
     * @param sampledAt when that sample was taken
     */
    public static FleetVmView of(FleetVm vm, HostTelemetry.VmSample sample, Instant sampledAt) {
        Memory memory = new Memory(vm.dynamicMemory, vm.memoryMinimumMb, vm.memoryMaximumMb,
                sample == null ? null : sample.assignedMb(), sample == null ? null : sample.demandMb(),
                sample == null ? null : sample.pressure(), sample == null ? null : sampledAt);
        Lis lis = vm.integrationServices == null ? null : new Lis(
                JsonColumn.read(vm.integrationServices, new TypeReference<>() { }),
                JsonColumn.read(vm.lisSupported, new TypeReference<>() { }),
                JsonColumn.read(vm.lisUnsupported, new TypeReference<>() { }));
        Vmbus vmbus = vm.vmbusVersion == null && vm.vmbusChannels == null ? null
                : new Vmbus(vm.vmbusVersion, vm.vmbusChannels == null ? List.of()
                : JsonColumn.read(vm.vmbusChannels, new TypeReference<>() { }));
        return new FleetVmView(vm.vmId, vm.tenantId, vm.name, vm.vcpus, vm.memoryMb, vm.guestFamily,
                vm.guestDistribution, vm.guestVersion, vm.hostId, vm.state, vm.failureReason, vm.powerState,
                vm.heartbeat, vm.fqdn, vm.ipv4, vm.ipv6, vm.osName, vm.osVersion, vm.integrationServicesVersion,
                memory, lis, vmbus, vm.updatedAt);
    }
}
