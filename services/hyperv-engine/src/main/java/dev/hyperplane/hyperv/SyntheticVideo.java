package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.HostVersion;

import java.io.Serializable;
import java.util.List;

/**
 * The synthetic 2D video device (hyperv_fb): Win8-era hosts speak protocol 3.2 (32-bit colour, 8 MB VRAM, so at
 * most 1920x1080); WS2016+ hosts speak 3.5 and offer a resolution list to pick from (Set-VMVideo), here up to
 * 3840x2160. A guest with the driver draws its own single pointer and tells the host to stop drawing one.
 */
public final class SyntheticVideo implements Serializable {
    private static final long serialVersionUID = 1L;

    public record Resolution(int width, int height) implements Serializable {
    }

    private static final List<Resolution> WIN8 = List.of(new Resolution(1024, 768), new Resolution(1280, 1024),
            new Resolution(1440, 900), new Resolution(1600, 1200), new Resolution(1920, 1080));
    private static final List<Resolution> WIN10 = List.of(new Resolution(1024, 768), new Resolution(1280, 1024),
            new Resolution(1440, 900), new Resolution(1600, 1200), new Resolution(1920, 1080),
            new Resolution(2560, 1440), new Resolution(2560, 1600), new Resolution(3840, 2160));

    public static List<Resolution> resolutions(HostVersion host) {
        return "3.5".equals(host.videoProtocol()) ? WIN10 : WIN8;
    }

    private SyntheticVideo() {
    }
}
