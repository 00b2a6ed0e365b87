package dev.hyperplane.migration.command;

import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaGuestResetWithheld;
import dev.hyperplane.migration.domain.GuestMonitoring;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * HA's guest monitoring of one VM (event-sourced): the consistency boundary that keeps a hung guest's resets within
 * the limit, whichever replica's monitor reports it and however often. One decision per loss of the heartbeat:
 * a reset, asked of provisioning, or, with the limit reached, a reset withheld for an operator.
 */
public class GuestWatch {
    @AggregateIdentifier
    private String vmId;
    private Instant decidedFor;
    private final List<Instant> resets = new ArrayList<>();

    protected GuestWatch() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ResetHungGuest command, Clock clock, GuestMonitoring monitoring) {
        if (command.lostSince().equals(decidedFor)) {
            return; // this loss was decided on
        }
        Instant now = clock.instant();
        int recent = monitoring.recentResets(resets, now);
        if (monitoring.allowsReset(resets, now)) {
            apply(new HaGuestResetRequested(resetIdOf(command.vmId(), command.lostSince()), command.vmId(),
                    command.hostId(), command.reason(), command.lostSince(), recent, now));
        } else {
            apply(new HaGuestResetWithheld(command.vmId(), command.hostId(), command.reason() + ", but the VM was "
                    + "reset " + recent + " times within " + monitoring.window().toMinutes() + " min: an operator "
                    + "must look at it", command.lostSince(), now));
        }
    }

    /** The same loss names the same reset, so provisioning runs it once however often it is asked. */
    static String resetIdOf(String vmId, Instant lostSince) {
        return UUID.nameUUIDFromBytes(("ha-guest-reset:" + vmId + ":" + lostSince)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    @EventSourcingHandler
    void on(HaGuestResetRequested event) {
        vmId = event.vmId();
        decidedFor = event.lostSince();
        resets.add(event.requestedAt());
        if (resets.size() > 50) {
            resets.remove(0); // far more than any limit counts
        }
    }

    @EventSourcingHandler
    void on(HaGuestResetWithheld event) {
        vmId = event.vmId();
        decidedFor = event.lostSince();
    }
}
