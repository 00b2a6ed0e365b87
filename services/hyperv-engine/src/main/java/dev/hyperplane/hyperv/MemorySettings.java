package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;

import java.io.Serializable;

/**
 * A VM's memory: static ({@code dynamic == false}: {@code startupMb} is all it ever has) or Dynamic Memory with
 * startup, minimum, maximum, buffer and weight (Set-VMMemory).
 *
 * @param bufferPercent extra memory the balancer tries to keep above demand, 5-2000 %
 * @param priority      memory weight when the host cannot satisfy every VM, 0-100 (default 50)
 */
public record MemorySettings(boolean dynamic, long startupMb, long minimumMb, long maximumMb, int bufferPercent,
                             int priority) implements Serializable {
    public static final long LINUX_ALIGNMENT_MB = 128;

    public static MemorySettings fixed(long mb) {
        return new MemorySettings(false, mb, mb, mb, 0, 50);
    }

    public static MemorySettings dynamic(long startupMb, long minimumMb, long maximumMb, int bufferPercent,
                                         int priority) {
        return new MemorySettings(true, startupMb, minimumMb, maximumMb, bufferPercent, priority);
    }

    /**
     * Checks the settings as Hyper-V does, and the Linux rule of 128 MB multiples (hot-add works in 128 MB
     * sections; other values make hot-add fail).
     *
     * @throws CommandRejected naming the offending setting
     */
    public void validate(boolean linuxGuest) {
        if (startupMb < 32) {
            throw new CommandRejected("startup memory must be at least 32 MB, was " + startupMb + " MB");
        }
        if (!dynamic) {
            return;
        }
        if (minimumMb < 32 || minimumMb > startupMb) {
            throw new CommandRejected("minimum memory must be between 32 MB and startup (" + startupMb + " MB), was "
                    + minimumMb + " MB");
        }
        if (maximumMb < startupMb || maximumMb > 1024 * 1024) {
            throw new CommandRejected("maximum memory must be between startup (" + startupMb + " MB) and 1 TB, was "
                    + maximumMb + " MB");
        }
        if (bufferPercent < 5 || bufferPercent > 2000) {
            throw new CommandRejected("memory buffer must be 5-2000 %, was " + bufferPercent + " %");
        }
        if (priority < 0 || priority > 100) {
            throw new CommandRejected("memory priority must be 0-100, was " + priority);
        }
        if (linuxGuest && (startupMb % LINUX_ALIGNMENT_MB != 0 || minimumMb % LINUX_ALIGNMENT_MB != 0
                || maximumMb % LINUX_ALIGNMENT_MB != 0)) {
            throw new CommandRejected("Linux guests need startup, minimum and maximum memory in multiples of 128 MB "
                    + "(hot-add works in 128 MB sections)", Feature.DM_HOTADD);
        }
    }
}
