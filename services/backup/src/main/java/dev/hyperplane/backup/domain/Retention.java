package dev.hyperplane.backup.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which restore points a policy keeps, with the semantics of Proxmox Backup Server's prune options.
 * <ul>
 *   <li>{@code keepLast}: the newest N points.</li>
 *   <li>{@code keepHourly}, {@code keepDaily}, {@code keepWeekly}, {@code keepMonthly}, {@code keepYearly}: the
 *   newest point of each of the N newest periods that have one (a period without a point does not count), periods
 *   in the policy's time zone; weeks are ISO weeks (Monday to Sunday, week-based year, so 31 December may lie in
 *   week 1 and 1 January in week 53).</li>
 *   <li>The options are applied in that order, each over the points the ones before it did not keep: a period
 *   already holding a kept point is skipped and does not count, so each option reaches further back.</li>
 *   <li>A protected point is always kept and never counts for an option.</li>
 *   <li>No option set (all zero): everything is kept.</li>
 * </ul>
 *
 * @param zone the time zone the periods are counted in
 */
public record Retention(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
                        int keepYearly, ZoneId zone) {

    public Retention {
        for (int keep : new int[]{keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly}) {
            if (keep < 0) {
                throw new IllegalArgumentException("a keep option is 0 or more, was " + keep);
            }
        }
    }

    /** A restore point as retention sees it. */
    public record Point(String id, Instant takenAt, boolean protectedPoint) {
    }

    /** Why a point is kept: the option that kept it, or protected. */
    public enum Reason {
        LAST, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, PROTECTED, ALL
    }

    /**
     * @param kept   the points kept, each with the reason, newest first
     * @param pruned the points to prune, newest first
     */
    public record Decision(Map<String, Reason> kept, List<String> pruned) {
    }

    public boolean keepsAll() {
        return keepLast + keepHourly + keepDaily + keepWeekly + keepMonthly + keepYearly == 0;
    }

    public Decision apply(List<Point> points) {
        List<Point> newestFirst = new ArrayList<>(points);
        newestFirst.sort(Comparator.comparing(Point::takenAt).thenComparing(Point::id).reversed());
        Map<String, Reason> marks = new LinkedHashMap<>();
        if (keepsAll()) {
            newestFirst.forEach(p -> marks.put(p.id(), p.protectedPoint() ? Reason.PROTECTED : Reason.ALL));
            return new Decision(marks, List.of());
        }
        Set<String> removed = new HashSet<>();
        select(marks, removed, newestFirst, keepLast, Reason.LAST, Point::id);
        select(marks, removed, newestFirst, keepHourly, Reason.HOURLY, p -> local(p).toLocalDateTime()
                .truncatedTo(ChronoUnit.HOURS).toString());
        select(marks, removed, newestFirst, keepDaily, Reason.DAILY, p -> local(p).toLocalDate().toString());
        select(marks, removed, newestFirst, keepWeekly, Reason.WEEKLY, p -> local(p).get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + local(p).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        select(marks, removed, newestFirst, keepMonthly, Reason.MONTHLY, p -> local(p).getYear() + "-"
                + local(p).getMonthValue());
        select(marks, removed, newestFirst, keepYearly, Reason.YEARLY, p -> String.valueOf(local(p).getYear()));
        Map<String, Reason> kept = new LinkedHashMap<>();
        List<String> pruned = new ArrayList<>();
        for (Point p : newestFirst) {
            Reason reason = p.protectedPoint() ? Reason.PROTECTED : marks.get(p.id());
            if (reason != null) {
                kept.put(p.id(), reason);
            } else {
                pruned.add(p.id());
            }
        }
        return new Decision(kept, pruned);
    }

    /**
     * One option over the points no option before it decided on: newest first, the first point of each period not
     * yet holding a kept point is kept, until {@code keep} periods are; an older point of a period it kept is
     * removed for good (an option after it does not take it up), as Proxmox does.
     */
    private static void select(Map<String, Reason> marks, Set<String> removed, List<Point> newestFirst, int keep,
                               Reason reason, Function<Point, String> period) {
        if (keep == 0) {
            return;
        }
        Set<String> covered = new HashSet<>();
        for (Point p : newestFirst) {
            if (marks.containsKey(p.id())) {
                covered.add(period.apply(p));
            }
        }
        Set<String> chosen = new HashSet<>();
        for (Point p : newestFirst) {
            if (marks.containsKey(p.id()) || removed.contains(p.id()) || p.protectedPoint()) {
                continue;
            }
            String id = period.apply(p);
            if (covered.contains(id)) {
                continue;
            }
            if (chosen.contains(id)) {
                removed.add(p.id());
            } else if (chosen.size() >= keep) {
                break;
            } else {
                chosen.add(id);
                marks.put(p.id(), reason);
            }
        }
    }

    private ZonedDateTime local(Point p) {
        return p.takenAt().atZone(zone);
    }
}
