package dev.hyperplane.backup.api;

import dev.hyperplane.platform.messaging.DeadLetterResource;
import jakarta.ws.rs.Path;

/** The records this service's consumers parked: list, redrive, discard (fleet-admin). */
@Path("/api/v1/dead-letters/backup")
public class DeadLettersResource extends DeadLetterResource {
}
