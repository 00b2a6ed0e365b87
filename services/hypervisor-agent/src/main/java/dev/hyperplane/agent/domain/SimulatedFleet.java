package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The hosts this agent runs and the seam where the simulated Hyper-V engine plugs in: commands in, answers out.
 * This minimal model admits static-memory VMs against host capacity and starts them at once.
 * <p>
 * Every command is applied once: its answer is logged in the same transaction as its effect, and a redelivered
 * command gets the logged answer again. A VM id that already runs is never created twice.
 */
@ApplicationScoped
public class SimulatedFleet {
    private static final ObjectMapper JSON = EventJson.newMapper();

    @Inject
    AgentConfig config;
    @Inject
    HostStore store;

    Clock clock = Clock.systemUTC();

    /** The hosts of this agent, named {@code <agent id>-host-NN}; created on first start, kept afterwards. */
    public List<HostSpec> ensureHosts() {
        IntStream.rangeClosed(1, config.hosts()).mapToObj(i -> {
            String id = "%s-host-%02d".formatted(config.id(), i);
            return new HostSpec(id, id, config.windowsServerVersion(), config.hostLogicalProcessors(),
                    config.hostMemoryMb(), config.hostRootReserveMb());
        }).forEach(host -> store.ensureHost(config.id(), host));
        return store.hosts(config.id());
    }

    public List<HostSpec> hosts() {
        return store.hosts(config.id());
    }

    public Optional<HostSpec> host(String hostId) {
        return store.host(config.id(), hostId);
    }

    public boolean runs(String hostId) {
        return store.host(config.id(), hostId).isPresent();
    }

    /** Applies the command (or recalls its answer) inside the caller's transaction. */
    public PublicEvent apply(CreateVmOnHost command) {
        return store.answerFor(command.commandId()).map(SimulatedFleet::decode).orElseGet(() -> {
            PublicEvent answer = create(command);
            store.logAnswer(command.commandId(), encode(answer));
            return answer;
        });
    }

    private PublicEvent create(CreateVmOnHost command) {
        var existing = store.vm(command.vmId());
        if (existing.isPresent()) {
            var vm = existing.get();
            return vm.hostId().equals(command.hostId())
                    ? new VmStartedOnHost(command.commandId(), vm.hostId(), vm.vmId(), vm.startedAt())
                    : reject(command, "VM " + vm.vmId() + " already runs on host " + vm.hostId());
        }
        HostSpec host = store.host(config.id(), command.hostId()).orElseThrow();
        long used = store.lockAndSumMemory(host.hostId());
        String refusal = Admission.refuse(host, used, command.memoryMb());
        if (refusal != null) {
            return reject(command, refusal);
        }
        var vm = new HostStore.VmRecord(command.vmId(), host.hostId(), command.name(), command.vcpus(),
                command.memoryMb(), "Running", clock.instant());
        store.insertVm(vm);
        return new VmStartedOnHost(command.commandId(), host.hostId(), vm.vmId(), vm.startedAt());
    }

    private static AgentCommandRejected reject(CreateVmOnHost command, String reason) {
        return new AgentCommandRejected(command.commandId(), command.hostId(), command.vmId(), reason);
    }

    private static HostStore.LoggedAnswer encode(PublicEvent answer) {
        try {
            MessageType type = EventCatalog.forClass(answer.getClass()).orElseThrow();
            return new HostStore.LoggedAnswer(type.ceType(), JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicEvent decode(HostStore.LoggedAnswer logged) {
        try {
            MessageType type = EventCatalog.forType(logged.type()).orElseThrow();
            return JSON.readValue(logged.json(), type.recordClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
