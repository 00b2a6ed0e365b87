package dev.hyperplane.memory.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Which way a host's memory need is going, smoothed over rounds, so that the balancer acts on where a host is
 * heading rather than on one sample. A VM arriving or leaving changes the need at a stroke without saying anything
 * about the workloads; such a round keeps the slope and only moves the baseline.
 *
 * @param at            when {@code needMb} was seen; null before the first round
 * @param needMb        the host's need at that round
 * @param membership    a fingerprint of which VMs made up that need
 * @param mbPerMinute   the smoothed slope: half the latest round's slope plus half the previous smoothed one
 */
public record NeedTrend(Instant at, long needMb, int membership, double mbPerMinute) {
    public static final NeedTrend NONE = new NeedTrend(null, 0, 0, 0);
    /** Rounds closer together than this say nothing new (the same sample read twice). */
    static final Duration MIN_STEP = Duration.ofSeconds(5);
    /** After a gap this long the old slope is stale: start again flat. */
    static final Duration MAX_STEP = Duration.ofMinutes(2);

    /** The trend after a round that saw {@code needMb} from VMs fingerprinted {@code membership} at {@code now}. */
    public NeedTrend next(Instant now, long needMb, int membership) {
        if (at == null || now.isAfter(at.plus(MAX_STEP))) {
            return new NeedTrend(now, needMb, membership, 0);
        }
        if (now.isBefore(at.plus(MIN_STEP))) {
            return this;
        }
        if (membership != this.membership) {
            return new NeedTrend(now, needMb, membership, mbPerMinute);
        }
        double minutes = Duration.between(at, now).toMillis() / 60_000.0;
        double slope = (needMb - this.needMb) / minutes;
        return new NeedTrend(now, needMb, membership, (slope + mbPerMinute) / 2);
    }

    /** The need expected {@code horizon} from now if the trend holds; never below zero. */
    public long projectedMb(long needNowMb, Duration horizon) {
        return Math.max(0, needNowMb + Math.round(mbPerMinute * horizon.toMillis() / 60_000.0));
    }
}
