package dev.hyperplane.platform.axon;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A command a consumer derives from another service's event, for an aggregate that may not be this service's: an
 * event about a VM or a migration another installation on the same bus created names an aggregate this service
 * never had, and that is no failure to retry or park.
 */
public final class CommandsFromEvents {

    /** Sends and waits; @return false when the command's aggregate does not exist here */
    public static boolean send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    private CommandsFromEvents() {
    }
}
