package dev.hyperplane.migration.query;

import java.time.Instant;

/**
 * One decision of HA's guest monitoring on a hung guest.
 *
 * @param outcome   reset (asked of provisioning, as operation {@code resetId}) or withheld (the hour's limit)
 * @param lostSince when the guest's heartbeat was lost
 */
public record GuestResetView(String vmId, String hostId, String outcome, String resetId, String reason,
                             Instant lostSince, Instant decidedAt) {
}
