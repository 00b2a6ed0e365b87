package dev.hyperplane.hyperv;

import java.io.Serializable;

/**
 * One virtual disk's content as a backup captured it, or as a restore writes it back: a restored disk carries the
 * {@code generation} of the point it came from, which is how a restore is verified.
 *
 * @param index       0 is the system disk
 * @param sizeMb      the virtual disk's size
 * @param allocatedMb what the guest has written to it (a dynamically expanding VHDX holds no more)
 * @param generation  the content's version: one more for every second the guest wrote to the disk
 */
public record DiskImage(int index, long sizeMb, long allocatedMb, long generation) implements Serializable {
}
