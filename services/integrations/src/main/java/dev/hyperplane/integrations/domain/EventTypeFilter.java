package dev.hyperplane.integrations.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The event types a subscription asks for: each an exact CloudEvents type ({@code dev.hyperplane.vm.started.v1}) or
 * a prefix ending in {@code .*} ({@code dev.hyperplane.vm.*} is every VM event, of every version).
 */
public record EventTypeFilter(List<String> patterns) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*(?:\\.\\*)?");

    public EventTypeFilter {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("at least one event type or prefix");
        }
        for (String pattern : patterns) {
            String why = refusal(pattern);
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
        }
        patterns = List.copyOf(patterns);
    }

    /** Why {@code pattern} is no event type or prefix; null when it is one. */
    public static String refusal(String pattern) {
        if (pattern == null || !VALID.matcher(pattern).matches()) {
            return "'" + pattern + "' is neither an event type (dev.hyperplane.vm.started.v1) nor a prefix "
                    + "(dev.hyperplane.vm.*)";
        }
        return null;
    }

    public boolean matches(String type) {
        for (String pattern : patterns) {
            boolean hit = pattern.endsWith(".*")
                    ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                    : type.equals(pattern);
            if (hit) {
                return true;
            }
        }
        return false;
    }
}
