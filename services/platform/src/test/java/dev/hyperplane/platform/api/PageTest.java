package dev.hyperplane.platform.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {
    private static final List<String> HOSTS = List.of("h-05", "h-01", "h-04", "h-02", "h-03");

    @ParameterizedTest(name = "limit {0}: pages {1}")
    @CsvSource({
            "1, h-01|h-02|h-03|h-04|h-05",
            "2, h-01 h-02|h-03 h-04|h-05",
            "5, h-01 h-02 h-03 h-04 h-05",
            "9, h-01 h-02 h-03 h-04 h-05"})
    void walkingTheCursorsVisitsEveryItemOnceInKeyOrder(int limit, String expected) {
        List<String> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<String> page = Page.after(HOSTS, Function.identity(), cursor, limit);
            pages.add(String.join(" ", page.items()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(String.join("|", pages)).isEqualTo(expected);
    }

    @Test
    void aKeyBuiltToSortHottestFirstPagesHottestFirst() {
        record Host(String id, int pressure) {
        }
        List<Host> hosts = List.of(new Host("a", 40), new Host("b", 120), new Host("c", 40), new Host("d", 90));
        Function<Host, String> hottestFirst = h -> String.format("%05d/%s", 99_999 - h.pressure(), h.id());
        Page<Host> first = Page.after(hosts, hottestFirst, null, 2);
        Page<Host> second = Page.after(hosts, hottestFirst, first.nextCursor(), 2);
        assertThat(first.items()).extracting(Host::id).containsExactly("b", "d");
        assertThat(second.items()).extracting(Host::id).containsExactly("a", "c");
        assertThat(second.nextCursor()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "501"})
    void aLimitOutsideOneToFiveHundredIsAFieldError(int limit) {
        assertThatThrownBy(() -> Page.limit(limit)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void noLimitMeansFifty() {
        assertThat(Page.limit(null)).isEqualTo(Page.DEFAULT_LIMIT).isEqualTo(50);
    }
}
