package dev.hyperplane.guestsupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft's per-distribution Linux Integration Services support tables, loaded from the shipped copy of
 * {@code lis-feature-matrix.csv} (never hand-coded). A cell missing for a column (only RHEL has the
 * "&gt;256 vCPUs" row) reads as not supported.
 */
public final class LisMatrix {
    private static final String RESOURCE = "lis-feature-matrix.csv";
    private static final LisMatrix SHIPPED = load();

    private final Map<LinuxDistribution, Map<Feature, SupportCell>> cells;

    private LisMatrix(Map<LinuxDistribution, Map<Feature, SupportCell>> cells) {
        this.cells = cells;
    }

    /** The copy shipped in this module's resources. */
    public static LisMatrix shipped() {
        return SHIPPED;
    }

    public List<LinuxDistribution> distributions() {
        return List.copyOf(cells.keySet());
    }

    public Optional<LinuxDistribution> find(String distro, String version) {
        return cells.keySet().stream()
                .filter(d -> d.distro().equalsIgnoreCase(distro) && d.version().equalsIgnoreCase(version))
                .findFirst();
    }

    /** The cell for a column and feature, as published. */
    public SupportCell cell(LinuxDistribution distribution, Feature feature) {
        Map<Feature, SupportCell> column = cells.get(distribution);
        if (column == null) {
            throw new IllegalArgumentException("not a column of the support tables: " + distribution);
        }
        return column.getOrDefault(feature, new SupportCell("not_supported", "no row for this column"));
    }

    public Map<Feature, SupportCell> column(LinuxDistribution distribution) {
        return Collections.unmodifiableMap(cells.get(distribution));
    }

    private static LisMatrix load() {
        try (InputStream in = LisMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LisMatrix parse(Reader csv) throws IOException {
        Map<LinuxDistribution, Map<Feature, SupportCell>> cells = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord row : format.parse(csv)) {
            LinuxDistribution column = new LinuxDistribution(row.get("distro"), row.get("version"), row.get("kernel"),
                    row.get("lis_source"));
            cells.computeIfAbsent(column, c -> new EnumMap<>(Feature.class))
                    .put(Feature.valueOf(row.get("feature_id")), new SupportCell(row.get("status"), row.get("notes")));
        }
        return new LisMatrix(cells);
    }
}
