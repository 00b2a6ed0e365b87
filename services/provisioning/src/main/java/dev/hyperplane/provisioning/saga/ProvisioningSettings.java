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

    ProvisioningSettings() {
    }

    ProvisioningSettings(Duration timeout, Duration operationTimeout) {
        this.timeout = timeout;
        this.operationTimeout = operationTimeout;
    }

    /** How long a VM may take from request to Running before provisioning gives up. */
    public Duration timeout() {
        return timeout;
    }

    /** How long a start, stop, restart, resize or delete may take before it fails. */
    public Duration operationTimeout() {
        return operationTimeout;
    }
}
