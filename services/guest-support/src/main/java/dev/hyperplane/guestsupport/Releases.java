package dev.hyperplane.guestsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The releases a column title of the support tables covers, and releases as people write them. A release is a
 * major and a minor number ({@code 7.8}; SLES service packs are minors: {@code 12 SP3} is 12.3); a title covers
 * ranges of them: {@code 7.6-7.9}, {@code 8.1-8.6+} (and later 8.x), {@code 9.x}, {@code 11 (Bullseye)} (every
 * 11.x), {@code SLES 12 SP3/SP4}, {@code 6.4-6.8 and 7.0-7.3}, {@code 20.04 LTS}. Titles that name no numbers
 * (Oracle's {@code UEK R4}) cover nothing and are found by their title or id only.
 */
final class Releases {
    /** A minor that stands for "any": {@code 9.x}, {@code 11 (Bullseye)}, the open end of {@code 8.6+}. */
    static final int ANY = Integer.MAX_VALUE;

    /** A release; {@code minor} is {@link #ANY} when only the major was written. */
    record Release(int major, int minor) {
        boolean majorOnly() {
            return minor == ANY;
        }
    }

    /** Inclusive bounds of releases. */
    record Range(Release from, Release to) {
        boolean covers(Release r) {
            if (r.majorOnly()) {
                return from.major() <= r.major() && r.major() <= to.major();
            }
            return compare(from, r) <= 0 && compare(r, to) <= 0;
        }
    }

    private static final Pattern SPAN = Pattern.compile("(\\d+)\\.(\\d+)\\s*-\\s*(\\d+)\\.(\\d+)(\\+?)");
    private static final Pattern SLES = Pattern.compile("(\\d+)((?:\\s*SP\\d+)(?:/SP\\d+)*)?");
    private static final Pattern ONE = Pattern.compile("(\\d+)(?:\\.(\\d+|x))?");
    private static final Pattern CODENAME = Pattern.compile("\\(([A-Za-z]+)\\)");

    /** The ranges a column title covers; empty for a title without release numbers. */
    static List<Range> covered(String title) {
        String t = title.replaceAll("(?i)\\bLTS\\b", "").replaceAll("\\([A-Za-z]+\\)", "").trim();
        List<Range> ranges = new ArrayList<>();
        for (String part : t.split("\\s+and\\s+")) {
            part = part.trim();
            Matcher span = SPAN.matcher(part);
            if (span.matches()) {
                Release to = new Release(num(span.group(3)), span.group(5).isEmpty() ? num(span.group(4)) : ANY);
                ranges.add(new Range(new Release(num(span.group(1)), num(span.group(2))), to));
                continue;
            }
            if (part.toUpperCase(Locale.ROOT).startsWith("SLES")) {
                Matcher sles = SLES.matcher(part.substring(4).trim());
                if (sles.matches()) {
                    int major = num(sles.group(1));
                    if (sles.group(2) == null) {
                        ranges.add(new Range(new Release(major, 0), new Release(major, ANY)));
                    } else {
                        for (String sp : sles.group(2).trim().split("/")) {
                            Release r = new Release(major, num(sp.trim().substring(2)));
                            ranges.add(new Range(r, r));
                        }
                    }
                }
                continue;
            }
            Matcher one = ONE.matcher(part);
            if (one.matches()) {
                int major = num(one.group(1));
                if (one.group(2) == null || "x".equals(one.group(2))) {
                    ranges.add(new Range(new Release(major, 0), new Release(major, ANY)));
                } else {
                    Release r = new Release(major, num(one.group(2)));
                    ranges.add(new Range(r, r));
                }
            }
        }
        return ranges;
    }

    /** The codename a title gives, lower case, e.g. {@code buster} for {@code 10.0-10.3 (Buster)}. */
    static Optional<String> codename(String title) {
        Matcher m = CODENAME.matcher(title);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * A release as written: {@code 10}, {@code 10.2}, {@code 20.04}, {@code 20.04.6 LTS} (the point release does not
     * matter), {@code 12 SP3}, {@code SLES 15 SP2}, {@code 7.8}; empty when it is none of these.
     */
    static Optional<Release> parse(String written) {
        String w = written.replaceAll("(?i)\\b(LTS|SLES)\\b", "").trim();
        Matcher sp = Pattern.compile("(\\d+)\\s*SP\\s*(\\d+)", Pattern.CASE_INSENSITIVE).matcher(w);
        if (sp.matches()) {
            return Optional.of(new Release(num(sp.group(1)), num(sp.group(2))));
        }
        Matcher m = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)*").matcher(w);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Release(num(m.group(1)), m.group(2) == null ? ANY : num(m.group(2))));
    }

    /**
     * How far a release is from the nearest release a title covers, in minor steps (a major counts 100); 0 when
     * covered, {@code Integer.MAX_VALUE} for a title without release numbers.
     */
    static int distance(Release r, String title) {
        int nearest = Integer.MAX_VALUE;
        for (Range range : covered(title)) {
            if (range.covers(r)) {
                return 0;
            }
            nearest = Math.min(nearest, Math.min(steps(r, range.from()), steps(r, range.to())));
        }
        return nearest;
    }

    private static int steps(Release a, Release b) {
        int minorA = a.majorOnly() ? 0 : a.minor();
        int minorB = b.majorOnly() ? 0 : b.minor();
        return 100 * Math.abs(a.major() - b.major()) + Math.abs(minorA - minorB);
    }

    private static int compare(Release a, Release b) {
        return a.major() != b.major() ? Integer.compare(a.major(), b.major()) : Integer.compare(a.minor(), b.minor());
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    private Releases() {
    }
}
