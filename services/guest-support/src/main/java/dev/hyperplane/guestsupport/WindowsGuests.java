package dev.hyperplane.guestsupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft's list of the Windows guests Hyper-V supports ("Supported Windows guest operating systems for Hyper-V
 * on Windows Server", with the generation 2 and Secure Boot pages), loaded from the shipped
 * {@code windows-guests.csv}: one row per guest, with generation 2 and Secure Boot support and the host versions
 * that run it. Names resolve as people write them: {@code Windows Server} {@code 2019}, {@code Windows} {@code 10},
 * {@code Windows Server 2008 R2} (the service pack is implied).
 */
public final class WindowsGuests {
    private static final String RESOURCE = "windows-guests.csv";
    private static final WindowsGuests SHIPPED = load();

    /** What the tables say: {@code yes}, {@code no}, or {@code unknown} where the sources do not tell. */
    public enum Answer { YES, NO, UNKNOWN }

    /**
     * One Windows guest.
     *
     * @param name        as Microsoft names it, e.g. {@code Windows Server 2008 R2 SP1}, {@code Windows 11}
     * @param family      {@code server} or {@code client}
     * @param hosts       per host version: whether it runs there (Windows Server 2012 has no column: unknown)
     * @param maxVcpus    the guest's ceiling as the page gives it, e.g. {@code 240 (gen2); 64 (gen1)}
     */
    public record WindowsGuest(String name, String family, Answer generation2, Answer secureBoot,
                               Map<HostVersion, Answer> hosts, String maxVcpus, String notes) {

        /** A stable, URL-safe id, e.g. {@code windows-server-2022}. */
        public String id() {
            return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }

        /** The distribution a VM records: {@code Windows Server} or {@code Windows}. */
        public String distribution() {
            return "server".equals(family) ? "Windows Server" : "Windows";
        }

        /** The version a VM records, e.g. {@code 2022}, {@code 2008 R2 SP1}, {@code 10}. */
        public String version() {
            return name.substring(distribution().length()).trim();
        }

        public Answer runsOn(HostVersion host) {
            return hosts.getOrDefault(host, Answer.UNKNOWN);
        }
    }

    private final List<WindowsGuest> guests;

    private WindowsGuests(List<WindowsGuest> guests) {
        this.guests = guests;
    }

    public static WindowsGuests shipped() {
        return SHIPPED;
    }

    public List<WindowsGuest> all() {
        return guests;
    }

    public Optional<WindowsGuest> byId(String id) {
        return guests.stream().filter(g -> g.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /**
     * The guest a distribution and version name: {@code Windows Server} + {@code 2022}, {@code Windows} +
     * {@code 10}, or the whole name in either field; a service pack may be left out.
     */
    public Optional<WindowsGuest> resolve(String distribution, String version) {
        String written = key(text(distribution) + " " + text(version));
        String versionOnly = key(text(version));
        return guests.stream().filter(g -> {
            String name = key(g.name());
            return name.equals(written) || name.equals(versionOnly)
                    || name.equals(key("Windows Server " + text(version))) && "server".equals(g.family());
        }).findFirst();
    }

    /** The ids nearest to what was written (same words first), at most {@code limit}. */
    public List<String> closest(String distribution, String version, int limit) {
        String written = key(text(distribution) + " " + text(version));
        return guests.stream().sorted(Comparator.comparingInt(g -> -shared(written, key(g.name()))))
                .limit(limit).map(WindowsGuest::id).toList();
    }

    /** Lower case, single spaces, without a service pack ({@code SP1}): how names are compared. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("\\bsp\\d+\\b", "").replaceAll("\\s+", " ").trim();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static int shared(String a, String b) {
        int common = 0;
        for (String word : a.split(" ")) {
            if (!word.isEmpty() && (" " + b + " ").contains(" " + word + " ")) {
                common++;
            }
        }
        return common;
    }

    private static WindowsGuests load() {
        try (InputStream in = WindowsGuests.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            List<WindowsGuest> guests = new ArrayList<>();
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                Map<HostVersion, Answer> hosts = new EnumMap<>(HostVersion.class);
                hosts.put(HostVersion.WS2012_R2, answer(row.get("host_ws2012r2")));
                hosts.put(HostVersion.WS2016, answer(row.get("host_ws2016")));
                hosts.put(HostVersion.WS2019, answer(row.get("host_ws2019")));
                hosts.put(HostVersion.WS2022, answer(row.get("host_ws2022")));
                guests.add(new WindowsGuest(row.get("guest"), row.get("family"), answer(row.get("generation2")),
                        answer(row.get("secure_boot")), hosts, row.get("max_vcpus"), row.get("notes")));
            }
            return new WindowsGuests(List.copyOf(guests));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer answer(String cell) {
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "yes" -> Answer.YES;
            case "no" -> Answer.NO;
            default -> Answer.UNKNOWN;
        };
    }
}
