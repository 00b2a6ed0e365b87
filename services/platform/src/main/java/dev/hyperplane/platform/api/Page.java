package dev.hyperplane.platform.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list. Pass {@code nextCursor} back as {@code cursor} for the next page;
 * {@code null} means this is the last page. Cursors are opaque to clients: the key of the last item, in whatever
 * form sorts the list.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * @param fetched up to {@code limit + 1} items in cursor order; the extra one only tells that more exist
     * @param key     the item's sort key, which becomes the cursor
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), key.apply(items.get(limit - 1)));
    }

    /**
     * A page of a list held in memory: the items whose key sorts after {@code cursor}, in key order. For lists
     * ordered otherwise (hottest first), the key is built to sort that way.
     */
    public static <T> Page<T> after(Collection<T> all, Function<T, String> key, String cursor, int limit) {
        List<T> fetched = all.stream().filter(item -> cursor == null || key.apply(item).compareTo(cursor) > 0)
                .sorted(Comparator.comparing(key)).limit(limit + 1L).toList();
        return of(fetched, limit, key);
    }

    /** Checks a client's {@code limit}: 1 to {@link #MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalidField(400, "limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
