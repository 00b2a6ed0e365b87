package dev.hyperplane.agent.domain;

/**
 * Whether a host can start one more VM with static memory: its memory must fit beside the running VMs without
 * touching the root reserve. (Dynamic memory arrives with the engine; until then memory is static.)
 */
public final class Admission {

    /** @return {@code null} when the VM fits, else why not, in words a panel can show */
    public static String refuse(HostSpec host, long usedMb, long requestedMb) {
        long freeMb = host.allocatableMb() - usedMb;
        if (requestedMb > freeMb) {
            return "host " + host.hostId() + " has " + freeMb + " MB free for VMs, " + requestedMb + " MB requested";
        }
        return null;
    }

    private Admission() {
    }
}
