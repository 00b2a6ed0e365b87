package dev.hyperplane.events.agent;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The integration services the guest negotiated and the guest's effective LIS capabilities on this host.
 *
 * @param services integration service -> agreed version
 * @param supportedFeatures feature ids of the LIS support tables this guest can use on this host
 * @param unsupportedFeatures feature id -> why the guest cannot use it here
 * @param simTimeMs the host's simulated clock when it happened
 */
public record IntegrationServicesNegotiated(String hostId, String vmId, Map<String, String> services,
        List<String> supportedFeatures, Map<String, String> unsupportedFeatures, long simTimeMs,
        Instant at) implements PublicEvent {
}
