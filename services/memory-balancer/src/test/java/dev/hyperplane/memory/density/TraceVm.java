package dev.hyperplane.memory.density;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.hyperv.Workload;

/** One VM of a workload trace: its startup memory, its guest and what it does with memory. */
record TraceVm(String vmId, long startupMb, Guest guest, Workload workload) {
}
