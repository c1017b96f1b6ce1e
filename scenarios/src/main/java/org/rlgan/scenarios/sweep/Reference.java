package org.rlgan.scenarios.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlgan.gan.examples.PacganTable1;
import org.rlgan.scenarios.config.Binder;
import org.rlgan.scenarios.config.ConfigError;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.config.Names;
import org.rlgan.scenarios.config.Opt;
import org.rlgan.scenarios.config.YNode;
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.Json;
import org.rlgan.scenarios.spec.Schemas;

/**
 * Published results beside a sweep's own: the sweep file's top-level {@code reference:} block, resolved. Each row
 * names configurations by the values of swept keys ({@code match}) and gives figures in the units of the runs'
 * summary.json ({@code values}); a value {@code X_se} is the standard error of {@code X}. {@code workbench sweep}
 * keeps it as {@value #FILE} in the sweep folder, and {@code workbench report} prints, for every configuration a
 * row matches, the reference figure of each reported metric beside the configuration's mean and standard error.
 *
 * <pre>
 * reference:
 *   source: "Lin et al. 2018 (PacGAN), Table 1"
 *   rows:
 *     - match: {data.type: pacgan_ring, gan.pack: 1}
 *       values: {modes: 6.3, modes_se: 0.5, high_quality: 0.982}
 * </pre>
 *
 * or a table the workbench ships, {@code reference: {builtin: pacgan_table1}}.
 *
 * @param source the citation, printed under every table that shows its figures
 * @param rows the rows, in the file's order
 */
public record Reference(String source, List<Row> rows) {

  /** The file name inside a sweep folder. */
  public static final String FILE = "reference.json";

  /** The top-level key of the block. */
  public static final String KEY = "reference";

  /** The tables {@code builtin:} can name. */
  public static final List<String> BUILTINS = List.of("pacgan_table1");

  /** The suffix of a value that is the standard error of another. */
  public static final String SE = "_se";

  /**
   * One row.
   *
   * @param match swept dotted key -> value as YAML text ({@code gan.pack -> 1}); a configuration matches when each
   *     key has that value (numbers compare by value: 1e-4 matches 0.0001)
   * @param values metric -> figure
   */
  public record Row(Map<String, String> match, Map<String, Double> values) {
    public Row {
      match = Collections.unmodifiableMap(new LinkedHashMap<>(match));
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the configuration with these params (as a trial's {@link Trial#params()}) matches the row. */
    public boolean matches(Map<String, String> params) {
      return match.entrySet().stream().allMatch(e -> params.containsKey(e.getKey())
          && same(params.get(e.getKey()), e.getValue()));
    }
  }

  public Reference {
    rows = List.copyOf(rows);
  }

  /** The block as written: either {@code source} and {@code rows}, or {@code builtin}. */
  public record Spec(
      @Opt(doc = "the citation of the figures (paper, table), printed under the report's tables", def = "null")
      String source,
      @Opt(doc = "the published figures: a list of {match: {swept key: value}, values: {metric: number}}",
          def = "null") List<RowSpec> rows,
      @Opt(doc = "a table the workbench ships instead of rows: pacgan_table1 (PacGAN's Table 1: data.type "
          + "pacgan_ring | pacgan_grid x gan.pack)", def = "null") String builtin) {}

  /** One row as written. */
  public record RowSpec(
      @Opt(doc = "the configurations the row is about: swept dotted key -> value") Map<String, Object> match,
      @Opt(doc = "metric (a summary.json key) -> figure in summary.json's units; X_se is X's standard error")
      Map<String, Object> values) {}

  /** The figures of one configuration: every value of every row that matches it. */
  public Map<String, Double> valuesFor(Map<String, String> params) {
    Map<String, Double> out = new LinkedHashMap<>();
    rows.stream().filter(r -> r.matches(params)).forEach(r -> out.putAll(r.values()));
    return out;
  }

  /**
   * Binds and checks a {@code reference:} block against the sweep it belongs to: unknown keys and wrong types (the
   * binder's messages), a {@code match} key the sweep does not vary, a figure that is not a finite number, a
   * standard error without its metric or below 0, two rows giving one configuration the same figure.
   *
   * @param block the file's {@code reference:} entry
   * @param plan the sweep's trials (null when the file has no sweep block: then the block is an error)
   * @param errors receives every mistake
   * @return the reference, or null when anything was wrong
   */
  public static Reference plan(YNode.Entry block, SweepPlan plan, List<ConfigError> errors) {
    if (plan == null) {
      errors.add(new ConfigError(block.keyLoc(), KEY, "a reference: block compares a sweep's configurations with "
          + "published figures; add a sweep: block (docs/scenarios.md, \"Sweeps\") or remove it"));
      return null;
    }
    int before = errors.size();
    Binder binder = new Binder(Schemas.schema());
    Spec spec = binder.bind(block.value(), Spec.class, KEY);
    errors.addAll(binder.errors());
    if (spec == null) {
      return null;
    }
    Set<String> varied = new LinkedHashSet<>();
    plan.trials().forEach(t -> varied.addAll(t.params().keySet()));
    List<Row> rows = new ArrayList<>();
    List<Loc> rowLocs = new ArrayList<>();
    String source = spec.source();
    if (spec.builtin() != null) {
      Loc at = binder.entry(spec, "builtin").keyLoc();
      if (spec.rows() != null || spec.source() != null) {
        errors.add(new ConfigError(at, KEY + ".builtin", "a builtin table brings its own rows and source; remove "
            + (spec.rows() != null ? "rows:" : "source:") + " or builtin:"));
        return null;
      }
      if (!BUILTINS.contains(spec.builtin())) {
        errors.add(new ConfigError(binder.entry(spec, "builtin").value().loc(), KEY + ".builtin", "unknown table '"
            + spec.builtin() + "'" + Names.didYouMean(spec.builtin(), BUILTINS)
            + "; one of " + BUILTINS));
        return null;
      }
      PacganTable1.Table t = PacganTable1.load();
      source = t.source();
      for (PacganTable1.Row r : t.rows()) {
        Map<String, String> match = new LinkedHashMap<>();
        match.put("data.type", "pacgan_" + r.data());
        match.put("gan.pack", String.valueOf(r.pack()));
        for (String k : match.keySet()) {
          if (!varied.contains(k)) {
            errors.add(new ConfigError(at, KEY + ".builtin", "the table " + spec.builtin() + " compares by " + match
                .keySet() + ", but the sweep does not vary '" + k + "' (it varies " + varied + "); sweep it in the "
                + "grid or remove the reference"));
            return null;
          }
        }
        rows.add(new Row(match, r.values()));
        rowLocs.add(at);
      }
    } else if (spec.rows() == null || spec.rows().isEmpty()) {
      errors.add(new ConfigError(block.keyLoc(), KEY, "give rows: [{match: {...}, values: {...}}, ...] with a "
          + "source:, or builtin: one of " + BUILTINS));
      return null;
    } else {
      if (source == null || source.isBlank()) {
        errors.add(new ConfigError(block.keyLoc(), KEY + ".source", "missing; say where the figures come from, "
            + "e.g. source: \"Lin et al. 2018 (PacGAN), Table 1\""));
      }
      for (int i = 0; i < spec.rows().size(); i++) {
        RowSpec r = spec.rows().get(i);
        String path = KEY + ".rows[" + i + "]";
        Row row = row(r, path, binder, varied, errors);
        if (row != null) {
          rows.add(row);
          rowLocs.add(binder.entry(r, "match").keyLoc());
        }
      }
    }
    if (errors.size() > before) {
      return null;
    }
    // Two rows that give one configuration the same figure contradict each other.
    Map<Integer, Map<String, Integer>> given = new LinkedHashMap<>();
    for (Trial t : plan.trials()) {
      Map<String, Integer> from = given.computeIfAbsent(t.config(), c -> new LinkedHashMap<>());
      if (t.seed() != plan.seeds().get(0)) {
        continue;
      }
      for (int i = 0; i < rows.size(); i++) {
        if (!rows.get(i).matches(t.params())) {
          continue;
        }
        for (String v : rows.get(i).values().keySet()) {
          Integer j = from.putIfAbsent(v, i);
          if (j != null) {
            ConfigError e = new ConfigError(rowLocs.get(i), KEY + ".rows[" + i + "]", "gives '" + v
                + "' to configuration " + t.label() + ", which row " + j + " (line " + rowLocs.get(j).line()
                + ") gives too; make the matches distinct");
            if (!errors.contains(e)) {
              errors.add(e);
            }
          }
        }
      }
    }
    return errors.size() > before ? null : new Reference(source, rows);
  }

  private static Row row(RowSpec r, String path, Binder binder, Set<String> varied, List<ConfigError> errors) {
    int before = errors.size();
    Map<String, String> match = new LinkedHashMap<>();
    if (r.match().isEmpty()) {
      errors.add(new ConfigError(binder.entry(r, "match").keyLoc(), path + ".match", "empty; name the "
          + "configurations by swept keys, e.g. match: {gan.pack: 1}"));
    }
    for (var e : r.match().entrySet()) {
      YNode.Entry at = binder.entry(r.match(), e.getKey());
      if (!varied.contains(e.getKey())) {
        errors.add(new ConfigError(at.keyLoc(), path + ".match." + e.getKey(), "the sweep does not vary '"
            + e.getKey() + "'" + Names.didYouMean(e.getKey(), varied) + "; a row matches "
            + "by the keys of sweep.grid or sweep.random.params: " + varied));
      } else if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
        errors.add(new ConfigError(at.value().loc(), path + ".match." + e.getKey(), "expected one value of the "
            + "swept key (a number, a word, true or false), got " + at.value().describe()));
      } else {
        match.put(e.getKey(), SweepPlan.text(at.value()));
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    if (r.values().isEmpty()) {
      errors.add(new ConfigError(binder.entry(r, "values").keyLoc(), path + ".values", "empty; give the "
          + "published figures, e.g. values: {modes: 6.3, modes_se: 0.5}"));
    }
    for (var e : r.values().entrySet()) {
      YNode.Entry at = binder.entry(r.values(), e.getKey());
      String key = path + ".values." + e.getKey();
      if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        errors.add(new ConfigError(at.value().loc(), key, "expected a number (in the units of summary.json), got "
            + at.value().describe()));
      } else if (e.getKey().endsWith(SE) && !r.values().containsKey(base(e.getKey()))) {
        errors.add(new ConfigError(at.keyLoc(), key, "a standard error without its figure; give '"
            + base(e.getKey()) + "' in the same row"));
      } else if (e.getKey().endsWith(SE) && n.doubleValue() < 0) {
        errors.add(new ConfigError(at.value().loc(), key, n + " is negative; a standard error is 0 or more"));
      } else {
        values.put(e.getKey(), n.doubleValue());
      }
    }
    return errors.size() > before ? null : new Row(match, values);
  }

  /** The metric a {@code X_se} key is the standard error of. */
  public static String base(String seKey) {
    return seKey.substring(0, seKey.length() - SE.length());
  }

  /** Whether a swept value as written equals a match value: numbers by value, anything else by its text. */
  static boolean same(String param, String want) {
    if (param.equals(want)) {
      return true;
    }
    try {
      return Double.parseDouble(param) == Double.parseDouble(want);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Writes {@value #FILE} into a sweep folder. */
  public void write(Path sweepDir) {
    AtomicFiles.write(sweepDir.resolve(FILE), Json.write(this));
  }

  /** The reference kept in a sweep folder, or null when the sweep has none. */
  public static Reference read(Path sweepDir) throws IOException {
    Path f = sweepDir.resolve(FILE);
    return Files.exists(f) ? Json.mapper().readValue(f.toFile(), new TypeReference<Reference>() {}) : null;
  }
}
