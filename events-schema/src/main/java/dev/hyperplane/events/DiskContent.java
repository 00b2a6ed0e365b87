package dev.hyperplane.events;

/**
 * One virtual disk's content as a backup captured it: a restore writes it back, and the restored disk carries its
 * generation.
 *
 * @param index       0 is the system disk
 * @param allocatedMb what the guest has written to it
 * @param generation  the content's version
 */
public record DiskContent(int index, long sizeMb, long allocatedMb, long generation) {
}
