package dev.hyperplane.guestsupport;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Linux guests as people write them, resolved to a column of the support tables: the column's catalog id
 * ({@code ubuntu-20-04-lts-built-in}), its exact title ({@code RHEL/CentOS} {@code 7.6-7.9}), or a distribution
 * with a common alias and a release inside the column's range ({@code CentOS 7.8}, {@code Debian 10.2},
 * {@code Debian buster}, {@code SLES 12 SP3}). Where several columns cover the release, a built-in column wins over
 * a downloadable-LIS one unless {@code lisSource} asks for it, Oracle's Red Hat compatible kernel over UEK unless
 * {@code kernel} asks for it, then the column listed first (the tables list the newest revision first, so a column
 * of an older revision that a newer one covers is found by its id or title only).
 */
public final class GuestNames {
    /** Distribution names people use, to the titles Microsoft heads the tables with. */
    private static final Map<String, Set<String>> ALIASES = Map.ofEntries(
            Map.entry("rhel", Set.of("RHEL/CentOS", "RHEL")),
            Map.entry("centos", Set.of("RHEL/CentOS", "RHEL")),
            Map.entry("red hat", Set.of("RHEL/CentOS", "RHEL")),
            Map.entry("redhat", Set.of("RHEL/CentOS", "RHEL")),
            Map.entry("red hat enterprise linux", Set.of("RHEL/CentOS", "RHEL")),
            Map.entry("rhel/centos", Set.of("RHEL/CentOS", "RHEL")),
            Map.entry("debian", Set.of("Debian")),
            Map.entry("ubuntu", Set.of("Ubuntu")),
            Map.entry("sles", Set.of("SUSE (SLES)")),
            Map.entry("suse", Set.of("SUSE (SLES)")),
            Map.entry("suse (sles)", Set.of("SUSE (SLES)")),
            Map.entry("suse linux enterprise server", Set.of("SUSE (SLES)")),
            Map.entry("oracle", Set.of("Oracle Linux")),
            Map.entry("oracle linux", Set.of("Oracle Linux")),
            Map.entry("ol", Set.of("Oracle Linux")),
            Map.entry("oel", Set.of("Oracle Linux")));

    private final LisMatrix matrix;

    public GuestNames(LisMatrix matrix) {
        this.matrix = matrix;
    }

    /**
     * The column a resolved guest names: by its catalog id, else (messages from before ids were carried) the first
     * column with that exact distribution and title.
     */
    public Optional<LinuxDistribution> column(String catalogId, String distribution, String version) {
        return catalogId != null && !catalogId.isBlank() ? byId(catalogId) : matrix.find(distribution, version);
    }

    /** The distributions, as the tables head them, that a name or alias stands for ({@code centos}: RHEL/CentOS, RHEL). */
    public Set<String> titles(String distribution) {
        return ALIASES.getOrDefault(normal(distribution), Set.of(distribution.trim()));
    }

    public Optional<LinuxDistribution> byId(String id) {
        return matrix.distributions().stream().filter(d -> d.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /**
     * The column for a distribution and release as written.
     *
     * @param lisSource optional: {@code built-in}, or a downloadable LIS release such as {@code LIS 4.3}
     * @param kernel    optional: for Oracle Linux, {@code RHCK} or {@code UEK}
     */
    public Optional<LinuxDistribution> resolve(String distribution, String version, String lisSource, String kernel) {
        if (distribution == null || version == null) {
            return Optional.empty();
        }
        Set<String> titles = titles(distribution);
        List<LinuxDistribution> family = matrix.distributions().stream()
                .filter(d -> titles.stream().anyMatch(t -> t.equalsIgnoreCase(d.distro())))
                .filter(d -> lisSource == null || lisSource.isBlank() || lisMatches(d, lisSource))
                .filter(d -> kernel == null || kernel.isBlank()
                        || d.kernel().toLowerCase(Locale.ROOT).startsWith(normal(kernel)))
                .toList();
        Stream<LinuxDistribution> exact = family.stream().filter(d -> d.version().equalsIgnoreCase(version.trim()));
        Optional<LinuxDistribution> titled = preferred(exact);
        if (titled.isPresent()) {
            return titled;
        }
        String written = normal(version);
        Optional<Releases.Release> release = Releases.parse(version);
        return preferred(family.stream().filter(d -> Releases.codename(d.version()).map(written::equals).orElse(false)
                || release.isPresent() && Releases.covered(d.version()).stream().anyMatch(r -> r.covers(release.get()))));
    }

    /**
     * The catalog ids nearest to what was written, for a refusal to suggest (at most {@code limit}): columns of the
     * same distribution first, nearest release first; then the others by how few edits turn the input into their id.
     */
    public List<String> closest(String distribution, String version, int limit) {
        String written = normal(distribution + " " + version).replaceAll("[^a-z0-9]+", "-");
        Set<String> titles = ALIASES.getOrDefault(normal(String.valueOf(distribution)),
                Set.of(String.valueOf(distribution).trim()));
        Optional<Releases.Release> release = version == null ? Optional.empty() : Releases.parse(version);
        return matrix.distributions().stream()
                .sorted(Comparator.comparingInt((LinuxDistribution d) -> titles.stream()
                                .anyMatch(t -> t.equalsIgnoreCase(d.distro())) ? 0 : 1)
                        .thenComparingInt(d -> release.map(r -> Releases.distance(r, d.version())).orElse(0))
                        .thenComparingInt(d -> distance(written, d.id())))
                .limit(limit).map(LinuxDistribution::id).toList();
    }

    /** Built-in LIS before a download, the Red Hat compatible kernel before UEK, then table order (stable sort). */
    private static Optional<LinuxDistribution> preferred(Stream<LinuxDistribution> candidates) {
        return candidates.sorted(Comparator.comparing((LinuxDistribution d) -> !d.builtIn())
                .thenComparing(d -> d.kernel().startsWith("UEK"))).findFirst();
    }

    private static boolean lisMatches(LinuxDistribution d, String lisSource) {
        String wanted = normal(lisSource);
        String source = normal(d.lisSource());
        return wanted.startsWith("built") ? d.builtIn() : source.startsWith(wanted) || source.contains(wanted);
    }

    private static String normal(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** Levenshtein distance: how many edits turn one id into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
