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
 * @param recentPeakMb  the highest need lately, fading toward the need now with a half-life of
 *                      {@link #PEAK_HALF_LIFE}: what a host that swings comes back to, which a destination must
 *                      have room for besides the VM (a VM arriving or leaving moves it by its step)
 */
public record NeedTrend(Instant at, long needMb, int membership, double mbPerMinute, long recentPeakMb) {
    public static final NeedTrend NONE = new NeedTrend(null, 0, 0, 0, 0);
    static final Duration PEAK_HALF_LIFE = Duration.ofMinutes(10);
    /** Rounds closer together than this say nothing new (the same sample read twice). */
    static final Duration MIN_STEP = Duration.ofSeconds(5);
    /** After a gap this long the old slope is stale: start again flat. */
    static final Duration MAX_STEP = Duration.ofMinutes(2);

    /** The trend after a round that saw {@code needMb} from VMs fingerprinted {@code membership} at {@code now}. */
    public NeedTrend next(Instant now, long needMb, int membership) {
        if (at == null || now.isAfter(at.plus(MAX_STEP))) {
            return new NeedTrend(now, needMb, membership, 0, needMb);
        }
        if (now.isBefore(at.plus(MIN_STEP))) {
            return this;
        }
        double minutes = Duration.between(at, now).toMillis() / 60_000.0;
        if (membership != this.membership) {
            long shifted = recentPeakMb + needMb - this.needMb;
            return new NeedTrend(now, needMb, membership, mbPerMinute, Math.max(needMb, shifted));
        }
        double slope = (needMb - this.needMb) / minutes;
        double fade = Math.pow(0.5, minutes / (PEAK_HALF_LIFE.toMillis() / 60_000.0));
        long faded = needMb + Math.round((recentPeakMb - needMb) * fade);
        return new NeedTrend(now, needMb, membership, (slope + mbPerMinute) / 2, Math.max(needMb, faded));
    }

    /** The need expected {@code horizon} from now if the trend holds; never below zero. */
    public long projectedMb(long needNowMb, Duration horizon) {
        return Math.max(0, needNowMb + Math.round(mbPerMinute * horizon.toMillis() / 60_000.0));
    }
}
