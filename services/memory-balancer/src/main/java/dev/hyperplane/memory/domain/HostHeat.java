package dev.hyperplane.memory.domain;

import java.time.Instant;

/**
 * What the control loop remembers of a host between rounds.
 *
 * @param aboveSince     since when its pressure is at or above the threshold; null when it is not
 * @param hot            whether it counts as hot (see {@link Hysteresis})
 * @param lastDecisionAt the last rebalance decision of this hot episode; null before the first
 * @param decisions      rebalance decisions made in this hot episode
 * @param trend          which way the host's need is going
 */
public record HostHeat(Instant aboveSince, boolean hot, Instant lastDecisionAt, int decisions, NeedTrend trend) {
    public static final HostHeat COOL = new HostHeat(null, false, null, 0, NeedTrend.NONE);

    public HostHeat(Instant aboveSince, boolean hot, Instant lastDecisionAt, int decisions) {
        this(aboveSince, hot, lastDecisionAt, decisions, NeedTrend.NONE);
    }

    /** The host's last decision will not take effect (it failed): no cooldown to wait out for it. */
    public HostHeat released() {
        return new HostHeat(aboveSince, hot, null, decisions, trend);
    }

    HostHeat decided(Instant at) {
        return new HostHeat(aboveSince, hot, at, decisions + 1, trend);
    }

    HostHeat withTrend(NeedTrend next) {
        return new HostHeat(aboveSince, hot, lastDecisionAt, decisions, next);
    }
}
