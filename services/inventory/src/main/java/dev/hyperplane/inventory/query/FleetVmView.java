package dev.hyperplane.inventory.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VM of the fleet as panels see it: provisioning's lifecycle state and placement, and what its host reports —
 * power state, heartbeat, KVP guest info, effective LIS capabilities, VMBus channel layout and current memory.
 */
public record FleetVmView(
        String vmId, String tenantId, String name, Integer vcpus,
        @Schema(description = "Startup memory") Long memoryMb,
        String guestFamily, String guestDistribution, String guestVersion, String hostId,
        @Schema(description = "Requested, Placed, Running, Stopped, Deleted or Failed") String state,
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

    private static final ObjectMapper JSON = EventJson.newMapper();

    /** @param hostMemory the latest sample of the VM's host, or null */
    public static FleetVmView of(FleetVm vm, HostMemory hostMemory) {
        Optional<HostTelemetry.VmSample> sample = sampleOf(vm.vmId, hostMemory);
        Memory memory = new Memory(vm.dynamicMemory, vm.memoryMinimumMb, vm.memoryMaximumMb,
                sample.map(HostTelemetry.VmSample::assignedMb).orElse(null),
                sample.map(HostTelemetry.VmSample::demandMb).orElse(null),
                sample.map(HostTelemetry.VmSample::pressure).orElse(null),
                sample.isPresent() ? hostMemory.sampledAt : null);
        Lis lis = vm.integrationServices == null ? null : new Lis(
                read(vm.integrationServices, new TypeReference<>() { }),
                read(vm.lisSupported, new TypeReference<>() { }),
                read(vm.lisUnsupported, new TypeReference<>() { }));
        Vmbus vmbus = vm.vmbusVersion == null && vm.vmbusChannels == null ? null
                : new Vmbus(vm.vmbusVersion, vm.vmbusChannels == null ? List.of()
                : read(vm.vmbusChannels, new TypeReference<>() { }));
        return new FleetVmView(vm.vmId, vm.tenantId, vm.name, vm.vcpus, vm.memoryMb, vm.guestFamily,
                vm.guestDistribution, vm.guestVersion, vm.hostId, vm.state, vm.failureReason, vm.powerState,
                vm.heartbeat, vm.fqdn, vm.ipv4, vm.ipv6, vm.osName, vm.osVersion, vm.integrationServicesVersion,
                memory, lis, vmbus, vm.updatedAt);
    }

    /** The VM's entry in its host's sample; none when the sample is of another host (it migrated) or absent. */
    private static Optional<HostTelemetry.VmSample> sampleOf(String vmId, HostMemory hostMemory) {
        if (hostMemory == null) {
            return Optional.empty();
        }
        List<HostTelemetry.VmSample> samples = read(hostMemory.vms, new TypeReference<>() { });
        return samples.stream().filter(s -> s.vmId().equals(vmId)).findFirst();
    }

    /** How the read model keeps nested values in its text columns. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model column: " + json, e);
        }
    }
}
