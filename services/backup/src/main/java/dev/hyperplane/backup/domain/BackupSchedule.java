package dev.hyperplane.backup.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a policy's backups run: a five-field cron expression (minute, hour, day of month, month, day of week, as
 * crontab writes it) read in the policy's time zone, so "0 2 * * *" is 02:00 local time all year, across daylight
 * saving changes.
 */
public final class BackupSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private BackupSchedule(String expression, ZoneId zone, ExecutionTime times) {
        this.expression = expression;
        this.zone = zone;
        this.times = times;
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression or the zone */
    public static BackupSchedule of(String expression, String zone) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("timeZone: not a time zone id such as Europe/Berlin or UTC");
        }
        try {
            return new BackupSchedule(expression, zoneId, ExecutionTime.forCron(PARSER.parse(expression).validate()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("schedule: not a five-field cron expression (minute hour day-of-month "
                    + "month day-of-week), e.g. 0 2 * * *: " + (e.getMessage() == null ? "empty" : e.getMessage()));
        }
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first scheduled time after {@code after}. */
    public Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /**
     * The scheduled time to run now: the latest one after {@code lastRun} and no later than {@code now}. Times missed
     * while nothing ran (the service down) collapse into this one, so a missed night runs once, not once per night.
     * Empty when none is due. With no run yet, only a time since {@code since} counts (the policy's creation).
     */
    public Optional<Instant> due(Instant lastRun, Instant since, Instant now) {
        Instant from = lastRun != null ? lastRun : since;
        Optional<Instant> next = next(from);
        if (next.isEmpty() || next.get().isAfter(now)) {
            return Optional.empty();
        }
        return times.lastExecution(now.atZone(zone).plusNanos(1)).map(ZonedDateTime::toInstant)
                .filter(last -> last.isAfter(from));
    }
}
