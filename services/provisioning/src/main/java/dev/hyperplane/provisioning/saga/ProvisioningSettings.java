package dev.hyperplane.provisioning.saga;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Provisioning's tunables (a plain bean: sagas look their resources up by type). */
@ApplicationScoped
public class ProvisioningSettings {

    @ConfigProperty(name = "hyperplane.provisioning.timeout")
    Duration timeout;

    ProvisioningSettings() {
    }

    ProvisioningSettings(Duration timeout) {
        this.timeout = timeout;
    }

    /** How long a VM may take from request to Running before provisioning gives up. */
    public Duration timeout() {
        return timeout;
    }
}
