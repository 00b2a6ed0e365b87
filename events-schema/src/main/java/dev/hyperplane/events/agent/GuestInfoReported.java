package dev.hyperplane.events.agent;

import dev.hyperplane.events.OptionalField;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * What a guest reports about itself through KVP (intrinsic items). All fields are empty strings when the guest's
 * KVP daemon stopped or the guest has no KVP support.
 *
 * @param processorArchitecture the guest's {@code ProcessorArchitecture} item, e.g. {@code x86_64} (Dynamic Memory
 *                              needs a 64-bit guest); added to v1 later, so absent (null) from older agents
 */
public record GuestInfoReported(String hostId, String vmId, String fqdn, String ipv4, String ipv6, String osName,
                                String osVersion, String integrationServicesVersion,
                                @OptionalField String processorArchitecture, Instant at)
        implements PublicEvent {
}
