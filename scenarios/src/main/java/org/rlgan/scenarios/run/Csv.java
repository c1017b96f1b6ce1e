package org.rlgan.scenarios.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV table kept in memory and rewritten atomically on {@link #flush()}, so a reader (or a crash) never sees a
 * half-written row. Numbers are written with Java's shortest round-trip form; NaN stays "NaN".
 */
public final class Csv {

  private final Path file;
  private final List<String> columns;
  private final List<String> rows = new ArrayList<>();

  public Csv(Path file, String... columns) {
    this.file = file;
    this.columns = List.of(columns);
  }

  public Path file() {
    return file;
  }

  public List<String> columns() {
    return columns;
  }

  /** Appends a row; values in column order (numbers, strings without commas or quotes). */
  public synchronized void row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns " + columns);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values[i]);
    }
    rows.add(b.toString());
  }

  public synchronized int size() {
    return rows.size();
  }

  /** The values of one column, parsed as doubles. */
  public synchronized double[] column(String name) {
    int k = columns.indexOf(name);
    double[] out = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String v = rows.get(i).split(",", -1)[k];
      out[i] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }
    return out;
  }

  /** The rows whose column {@code key} equals {@code value}, as a new table (for per-learner plots). */
  public synchronized Csv where(String key, String value) {
    Csv out = new Csv(file, columns.toArray(String[]::new));
    int k = columns.indexOf(key);
    for (String r : rows) {
      if (r.split(",", -1)[k].equals(value)) {
        out.rows.add(r);
      }
    }
    return out;
  }

  public synchronized void flush() {
    StringBuilder b = new StringBuilder(String.join(",", columns)).append('\n');
    rows.forEach(r -> b.append(r).append('\n'));
    AtomicFiles.write(file, b.toString());
  }
}
