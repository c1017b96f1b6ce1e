package org.rlgan.gan.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published rows of PacGAN's Table 1 (Lin et al. 2018) that the mode-collapse benchmark is compared with, read
 * from the resource {@value #RESOURCE}: the one place these figures are written. {@link ModeCollapseBenchmark} prints
 * them beside its own table and the workbench's {@code reference: {builtin: pacgan_table1}} block turns them into
 * reference rows of a sweep (scenarios/examples/pacgan-table1.yaml).
 */
public final class PacganTable1 {

  /** The classpath resource holding the table. */
  public static final String RESOURCE = "/org/rlgan/gan/examples/pacgan-table1.json";

  /**
   * One row of the paper's table.
   *
   * @param data the mixture, {@code ring} (8 modes) or {@code grid} (25 modes)
   * @param pack PacGAN's m (1: the plain GAN)
   * @param values the published figures in the units of the workbench's summary.json: {@code modes},
   *     {@code modes_se} (its standard error over seeds) and {@code high_quality} (a fraction, not a percentage);
   *     a figure the source does not give is absent
   */
  public record Row(String data, int pack, Map<String, Double> values) {
    public Row {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /**
   * The table.
   *
   * @param source the citation, e.g. "Lin et al. 2018 (PacGAN), Table 1"
   * @param rows its rows in the paper's order
   */
  public record Table(String source, List<Row> rows) {
    public Table {
      rows = List.copyOf(rows);
    }

    /** The row of one mixture and pack, or null when the source gives none. */
    public Row row(String data, int pack) {
      return rows.stream().filter(r -> r.data().equals(data) && r.pack() == pack).findFirst().orElse(null);
    }
  }

  private PacganTable1() {}

  /** Reads the table from {@value #RESOURCE}. */
  public static Table load() {
    try (InputStream in = PacganTable1.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path (a broken gan-lab build)");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Row> rows = new ArrayList<>();
      for (JsonNode r : root.path("rows")) {
        Map<String, Double> values = new LinkedHashMap<>();
        r.fields().forEachRemaining(f -> {
          if (f.getValue().isNumber() && !f.getKey().equals("pack")) {
            values.put(f.getKey(), f.getValue().asDouble());
          }
        });
        rows.add(new Row(r.path("data").asText(), r.path("pack").asInt(), values));
      }
      return new Table(root.path("source").asText(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
