package dev.hyperplane.provisioning.saga;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Provisioning's tunables (a plain bean: sagas look their resources up by type). */
@ApplicationScoped
public class ProvisioningSettings {

    @ConfigProperty(name = "hyperplane.provisioning.timeout")
    Duration timeout;
    @ConfigProperty(name = "hyperplane.provisioning.operation-timeout")
    Duration operationTimeout;
    @ConfigProperty(name = "hyperplane.provisioning.placement-wait", defaultValue = "PT60S")
    Duration placementWait;
    @ConfigProperty(name = "hyperplane.provisioning.placement-retry", defaultValue = "PT5S")
    Duration placementRetry;

    ProvisioningSettings() {
    }

    ProvisioningSettings(Duration timeout, Duration operationTimeout, Duration placementWait,
                         Duration placementRetry) {
        this.timeout = timeout;
        this.operationTimeout = operationTimeout;
        this.placementWait = placementWait;
        this.placementRetry = placementRetry;
    }

    /** How long a VM may take from request to Running before provisioning gives up. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How long a VM waits for a host when the only hosts that could take it are unreachable or in maintenance
     * (an agent restarting): placement is tried again every {@link #placementRetry} until then.
     */
    public Duration placementWait() {
        return placementWait;
    }

    public Duration placementRetry() {
        return placementRetry;
    }

    /** How long a start, stop, restart, resize or delete may take before it fails. */
    public Duration operationTimeout() {
        return operationTimeout;
    }
}
