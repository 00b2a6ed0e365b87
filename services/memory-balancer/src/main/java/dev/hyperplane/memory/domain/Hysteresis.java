package dev.hyperplane.memory.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a host counts as hot, so that noise never makes the balancer flip-flop: a host turns hot once its pressure
 * has stayed at or above {@code thresholdPercent} for {@code hold}, and cools only when it falls to
 * {@code thresholdPercent - marginPercent} or below. Between the two it keeps its state.
 */
public record Hysteresis(int thresholdPercent, int marginPercent, Duration hold) {

    public Hysteresis {
        if (thresholdPercent <= 0 || marginPercent < 0 || marginPercent >= thresholdPercent || hold.isNegative()) {
            throw new IllegalArgumentException("threshold > margin >= 0 and a hold time >= 0 are needed");
        }
    }

    /** At or below this a host is cool: a hot host sheds VMs until its need is back here. */
    public int coolPercent() {
        return thresholdPercent - marginPercent;
    }

    /**
     * The most a destination may reach by taking a VM: halfway between cool and hot. Below the threshold by half
     * the margin, so a move never makes it the next hot host, yet a fleet warm all over (every host above the cool
     * mark) can still level its hottest host.
     */
    public int destinationPercent() {
        return thresholdPercent - marginPercent / 2;
    }

    /** The host's heat after a sample of {@code pressure} at {@code now}. */
    public HostHeat next(HostHeat heat, int pressure, Instant now) {
        if (pressure >= thresholdPercent) {
            Instant since = heat.aboveSince() == null ? now : heat.aboveSince();
            boolean hot = heat.hot() || !now.isBefore(since.plus(hold));
            return new HostHeat(since, hot, heat.lastDecisionAt(), heat.decisions(), heat.trend());
        }
        if (pressure <= coolPercent()) {
            return HostHeat.COOL.withTrend(heat.trend());
        }
        // inside the band: a hot host stays hot; a warming one starts its hold again next time it crosses
        return heat.hot() ? heat : new HostHeat(null, false, heat.lastDecisionAt(), heat.decisions(), heat.trend());
    }
}
