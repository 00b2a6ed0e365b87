package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Feature;

import java.io.Serializable;

/** The VM's synthetic display (Set-VMVideo): resolutions offered by the host's video protocol ({@link SyntheticVideo}). */
final class Video implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A VM's display resolution; changed only here. */
    static final class Display implements Serializable {
        private static final long serialVersionUID = 1L;

        private int width = 1024;
        private int height = 768;

        int width() {
            return width;
        }

        int height() {
            return height;
        }
    }

    private final HostContext host;

    Video(HostContext host) {
        this.host = host;
    }

    /** Sets the guest's display resolution; needs the synthetic video driver in Linux guests. */
    void setResolution(String vmId, int width, int height) {
        SimulatedVm vm = host.vm(vmId);
        host.requireFeature(vm.guest(), Feature.HV_VIDEO, "Synthetic video");
        var wanted = new SyntheticVideo.Resolution(width, height);
        var version = host.spec.version();
        if (!SyntheticVideo.resolutions(version).contains(wanted)) {
            throw new CommandRejected(width + "x" + height + " is not offered by video protocol "
                    + version.videoProtocol() + " on this " + version.label() + " host; offered: "
                    + SyntheticVideo.resolutions(version), Feature.HV_VIDEO);
        }
        vm.display.width = width;
        vm.display.height = height;
        host.emit(new EngineEvent.VideoModeChanged(host.now(), vmId, width, height, version.videoProtocol()));
    }
}
