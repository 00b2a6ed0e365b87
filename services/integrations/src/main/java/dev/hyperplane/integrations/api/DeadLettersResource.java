package dev.hyperplane.integrations.api;

import dev.hyperplane.platform.messaging.DeadLetterResource;
import jakarta.ws.rs.Path;

/** The records this service's consumers parked: list, redrive, discard (fleet-admin). */
@Path("/api/v1/dead-letters/integrations")
public class DeadLettersResource extends DeadLetterResource {
}
