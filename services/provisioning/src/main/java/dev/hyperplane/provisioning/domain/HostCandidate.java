package dev.hyperplane.provisioning.domain;

/**
 * A host as placement sees it.
 *
 * @param allocatableMb memory VMs may use (physical less the root reserve)
 * @param reservedMb    memory already promised to VMs placed there
 */
public record HostCandidate(String hostId, long allocatableMb, long reservedMb) {

    public long freeMb() {
        return allocatableMb - reservedMb;
    }
}
