package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;

import java.io.Serializable;

/**
 * What a VM is made of.
 *
 * @param generation 1 (BIOS) or 2 (UEFI)
 * @param disks      synthetic SCSI disks
 * @param nics       synthetic network adapters
 */
public record VmSpec(String name, int generation, boolean secureBoot, int vcpus, MemorySettings memory, int disks,
                     int nics, Guest guest, Workload workload) implements Serializable {
}
