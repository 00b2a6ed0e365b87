package dev.hyperplane.backup.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pruning inside an incremental chain: what a pruned point's dependent takes over, so every kept point restores. */
class RestoreChainTest {

    /**
     * @param chain  space-separated {@code id:basedOn:sizeMb} (basedOn {@code -} for a full point), allocation 5000
     * @param prune  the pruned ids
     * @param merges space-separated {@code from>into:basedOn:sizeMb}, in order
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an old full point becomes part of a synthetic full | a:-:4000 b:a:100 c:b:120          | a     | a>b:-:4100
            an incremental point merges into the next          | a:-:4000 b:a:100 c:b:120          | b     | b>c:a:220
            two in a row merge on into the third               | a:-:4000 b:a:100 c:b:120 d:c:90  | a b   | a>b:-:4100 b>c:-:4220
            the newest point pruned takes nothing along        | a:-:4000 b:a:100                 | b     | ''
            a merge never holds more than the disks had        | a:-:4000 b:a:1500                | a     | a>b:-:5000
            a second full point starts a chain of its own      | a:-:4000 b:a:100 c:-:4100 d:c:50 | a b   | a>b:-:4100
            nothing pruned, nothing merged                     | a:-:4000 b:a:100                 | ''    | ''
            """)
    void a_pruned_point_is_merged_into_the_point_that_depends_on_it(String name, String chain, String prune,
                                                                   String merges) {
        List<RestoreChain.Link> links = new ArrayList<>();
        for (String link : chain.trim().split(" +")) {
            String[] f = link.split(":");
            links.add(new RestoreChain.Link(f[0], f[1].equals("-") ? null : f[1], Long.parseLong(f[2]), 5000));
        }
        Set<String> pruned = prune.isBlank() ? Set.of() : Set.of(prune.trim().split(" +"));
        RestoreChain.Plan plan = RestoreChain.prune(links, pruned);
        List<RestoreChain.Merge> expected = new ArrayList<>();
        for (String merge : merges.isBlank() ? new String[0] : merges.trim().split(" +")) {
            String[] f = merge.split("[>:]");
            expected.add(new RestoreChain.Merge(f[0], f[1], f[2].equals("-") ? null : f[2], Long.parseLong(f[3])));
        }
        assertThat(plan.merges()).containsExactlyElementsOf(expected);
        assertThat(plan.deleted()).containsExactlyInAnyOrderElementsOf(pruned);
    }
}
