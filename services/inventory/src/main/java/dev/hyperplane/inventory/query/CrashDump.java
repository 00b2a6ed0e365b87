package dev.hyperplane.inventory.query;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** What kdump did after a guest panic: a dump captured (and its size), or none and why. */
@Entity
@Table(name = "crash_dump")
public class CrashDump extends VmReport {
    public boolean captured;
    public long dumpMb;
    /** Why no dump was written; null when captured. */
    public String reason;
}
