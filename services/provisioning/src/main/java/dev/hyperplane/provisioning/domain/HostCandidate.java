package dev.hyperplane.provisioning.domain;

/**
 * A host as placement sees it.
 *
 * @param allocatableMb memory VMs may use (physical less the root reserve)
 * @param reservedMb    memory already promised to VMs placed there
 * @param ws2016OrNewer the host runs Windows Server 2016 or newer ("2016+" guest features)
 */
public record HostCandidate(String hostId, long allocatableMb, long reservedMb, boolean ws2016OrNewer) {

    public HostCandidate(String hostId, long allocatableMb, long reservedMb) {
        this(hostId, allocatableMb, reservedMb, false);
    }

    public long freeMb() {
        return allocatableMb - reservedMb;
    }
}
