package org.rlgan.scenarios.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.plot.Plots;
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.Json;
import org.rlgan.scenarios.sweep.Manifest;
import org.rlgan.scenarios.sweep.Reference;
import org.rlgan.scenarios.sweep.TrialResult;

/**
 * {@code workbench report}: runs grouped into configurations (a sweep's configurations, or runs of one scenario),
 * one score per run from its summary.json, and per configuration the mean, standard deviation, a 95% bootstrap
 * interval of the mean, the IQM with its stratified bootstrap interval, the probability of improvement between
 * every two configurations, aggregate learning curves from eval.csv with bands, and performance profiles
 * ({@link Stats} has the definitions), with the standard error of the mean and, where a sweep keeps a
 * {@link Reference}, the published figure beside each configuration it matches. Printed as a table and written as
 * CSV and PNG; several metrics give one table each.
 */
public final class Report {

  /**
   * One run: its configuration, its score and its evaluation curve (eval.csv's step and return_mean, or, for a run
   * whose eval.csv has no return_mean (a GAN's), its column of the metric reported), {@code curveOf} naming that
   * column (null when the run has no curve).
   */
  public record Run(String config, Path dir, double score, double[] steps, double[] returns, String curveOf) {}

  /** The runs of one configuration, in the order they were found. */
  public record Config(String name, List<Run> runs) {

    /** The scores as {@link Stats} takes them: one task, its runs. */
    public double[][] scores() {
      return new double[][] {runs.stream().mapToDouble(Run::score).toArray()};
    }
  }

  /**
   * What was found: the configurations, what was left out (unfinished trials, runs without the metric), and the
   * published figures of the configurations a sweep's {@link Reference} row matches.
   *
   * @param reference configuration name -> metric -> figure (absent: no row matches the configuration)
   * @param sources the citations of those figures, once each
   */
  public record Input(List<Config> configs, List<String> notes, Map<String, Map<String, Double>> reference,
      List<String> sources) {

    public Input(List<Config> configs, List<String> notes) {
      this(configs, notes, Map.of(), List.of());
    }
  }

  /**
   * One row of the table.
   *
   * @param se the standard error of the mean, std / √runs (what GAN papers print as mean ± s.e.)
   * @param reference the published figure of the metric for this configuration, NaN when none
   * @param referenceSe its published standard error, NaN when none
   */
  public record Row(String config, int runs, double mean, double std, double se, Stats.Estimate meanCi,
      Stats.Estimate iqm, double reference, double referenceSe) {

    /** Whether a published figure stands beside this row. */
    public boolean hasReference() {
      return !Double.isNaN(reference);
    }
  }

  /** P(a run of x scores above a run of y). */
  public record Pair(String x, String y, Stats.Estimate p) {}

  /** Everything a report shows. */
  public record Result(String metric, double level, int reps, long seed, List<Row> rows, List<Pair> pairs,
      Map<String, double[][]> curves, String curveOf, double[] taus, Map<String, double[][]> profiles,
      List<String> notes, List<String> sources) {

    /** Whether any row has a published figure beside it. */
    public boolean hasReference() {
      return rows.stream().anyMatch(Row::hasReference);
    }
  }

  /** The column of eval.csv the learning curves show for agents. */
  private static final String RETURN = "return_mean";

  private Report() {}

  /**
   * The metrics a report scores by when none is named, from the first run found: an agent's final greedy return,
   * PacGAN's mode metrics for a GAN on a Gaussian mixture, classifier-FID for an image GAN, pixel KID for a GAN on
   * environment frames. Folders with no run are left to {@link #load} to report.
   */
  public static List<String> defaultMetrics(List<Path> dirs) throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path d : dirs) {
      if (Files.isDirectory(d)) {
        collect(d, found, new ArrayList<>(), true);
      }
    }
    Map<String, Object> first = found.isEmpty() ? Map.of() : found.get(0).summary;
    if (first.containsKey("modes")) {
      return List.of("modes", "high_quality", "reverse_kl");
    }
    for (String key : List.of("fid", "pixel_kid")) {
      if (first.containsKey(key)) {
        return List.of(key);
      }
    }
    return List.of("final_eval_return_mean");
  }

  /**
   * Finds the runs under {@code dirs}: a sweep folder (its finished trials), a run folder, or a folder of either
   * (e.g. {@code runs/taxi-qlearning/}, one level down).
   *
   * @throws BadInputException when a folder holds no run, or no run has the metric
   */
  public static Input load(List<Path> dirs, String metric) throws IOException {
    List<String> notes = new ArrayList<>();
    List<Found> found = new ArrayList<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        throw new BadInputException(Loc.of(d.toString()), "", "no such folder; give a run folder, a sweep folder "
            + "or a folder of them");
      }
      int before = found.size();
      collect(d, found, notes, true);
      if (found.size() == before) {
        throw new BadInputException(Loc.of(d.toString()), "", "no run here: neither summary.json nor "
            + Manifest.FILE + ", nor a folder holding run or sweep folders");
      }
    }
    long sweeps = found.stream().filter(f -> f.sweep != null).map(f -> f.sweep).distinct().count();
    boolean prefix = sweeps > 1 || (sweeps == 1 && found.stream().anyMatch(f -> f.sweep == null));
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    Map<String, Map<String, Double>> reference = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Found f : found) {
      Object v = f.summary.get(metric);
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        notes.add(f.dir + ": no number '" + metric + "' in summary.json; left out");
        f.summary.forEach((k, x) -> {
          if (x instanceof Number && !keys.contains(k)) {
            keys.add(k);
          }
        });
        continue;
      }
      String name = f.sweep != null && prefix ? f.sweep + ": " + f.config : f.config;
      if (f.reference != null && !reference.containsKey(name)) {
        Map<String, Double> values = f.reference.valuesFor(f.params);
        if (!values.isEmpty()) {
          reference.put(name, values);
          if (!sources.contains(f.reference.source())) {
            sources.add(f.reference.source());
          }
        }
      }
      Curve curve = curve(f.dir.resolve("eval.csv"), metric);
      groups.computeIfAbsent(name, k -> new ArrayList<>()).add(new Run(name, f.dir, n.doubleValue(), curve.steps(),
          curve.values(), curve.column()));
    }
    if (groups.isEmpty()) {
      throw new BadInputException(Loc.of("--metric " + metric), "", "no run has a number '" + metric
          + "' in its summary.json; choose one of " + keys);
    }
    List<Config> configs = new ArrayList<>();
    groups.forEach((k, v) -> configs.add(new Config(k, List.copyOf(v))));
    // A published row for this metric that no configuration here matches is worth a line: a typo, or a cut sweep.
    found.stream().filter(f -> f.reference != null).map(f -> f.reference).distinct().forEach(ref -> {
      for (Reference.Row row : ref.rows()) {
        boolean used = found.stream().anyMatch(f -> ref.equals(f.reference) && row.matches(f.params)
            && groups.values().stream().flatMap(List::stream).anyMatch(r -> r.dir().equals(f.dir)));
        if (row.values().containsKey(metric) && !used) {
          notes.add("reference row " + row.match() + " (" + ref.source() + "): no finished configuration here "
              + "matches it");
        }
      }
    });
    return new Input(configs, notes, reference, sources);
  }

  /**
   * One finished run: its sweep (null for a plain run), configuration label and params, folder, summary.json, and
   * its sweep's published figures (null when none).
   */
  private record Found(String sweep, String config, Map<String, String> params, Path dir, Map<String, Object> summary,
      Reference reference) {}

  private static void collect(Path d, List<Found> out, List<String> notes, boolean top) throws IOException {
    if (Manifest.isSweep(d)) {
      Manifest m = Manifest.read(d);
      Reference ref = Reference.read(d);
      String sweep = String.valueOf(m.header().get("sweep"));
      String tag = out.stream().anyMatch(f -> sweep.equals(f.sweep)) ? sweep + "@" + d.getFileName() : sweep;
      for (Manifest.Entry e : m.entries()) {
        if (e.state() == TrialResult.State.FINISHED) {
          out.add(new Found(tag, e.trial().label(), e.trial().params(), d.resolve(e.trial().dir()),
              summary(d.resolve(e.trial().dir())), ref));
        } else {
          notes.add(d.resolve(e.trial().dir()) + ": trial " + e.trial().id() + " is "
              + e.state().name().toLowerCase(Locale.ROOT) + "; left out (finish it with 'workbench sweep FILE "
              + "--resume " + d + "')");
        }
      }
    } else if (Files.isRegularFile(d.resolve("summary.json"))) {
      Map<String, Object> s = summary(d);
      out.add(new Found(null, String.valueOf(s.getOrDefault("scenario", d.getFileName().toString())), Map.of(), d, s,
          null));
    } else if (top) {
      try (Stream<Path> children = Files.list(d)) {
        for (Path c : children.filter(Files::isDirectory).sorted().toList()) {
          collect(c, out, notes, false);
        }
      }
    }
  }

  private static Map<String, Object> summary(Path dir) throws IOException {
    Path f = dir.resolve("summary.json");
    return Files.exists(f) ? Json.mapper().readValue(f.toFile(), new TypeReference<Map<String, Object>>() {})
        : Map.of();
  }

  /** A run's evaluation curve: eval.csv's steps and one of its columns (null and empty arrays when none). */
  record Curve(double[] steps, double[] values, String column) {
    static final Curve NONE = new Curve(new double[0], new double[0], null);
  }

  /**
   * eval.csv's step column and its return_mean column, or else the column named {@code metric} (a GAN's modes,
   * high_quality or fid at each evaluation); none when the run has neither (e.g. an mdp run's learner table).
   */
  static Curve curve(Path evalCsv, String metric) throws IOException {
    if (!Files.exists(evalCsv)) {
      return Curve.NONE;
    }
    List<String> lines = Files.readAllLines(evalCsv, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return Curve.NONE;
    }
    List<String> cols = List.of(lines.get(0).split(",", -1));
    String column = cols.contains(RETURN) ? RETURN : metric;
    int s = cols.indexOf("step");
    int r = cols.indexOf(column);
    if (s < 0 || r < 0 || cols.contains("learner")) {
      return Curve.NONE;
    }
    double[] steps = new double[lines.size() - 1];
    double[] values = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] v = lines.get(i).split(",", -1);
      steps[i - 1] = Double.parseDouble(v[s]);
      values[i - 1] = v[r].isEmpty() ? Double.NaN : Double.parseDouble(v[r]);
    }
    return new Curve(steps, values, values.length == 0 ? null : column);
  }

  /**
   * The statistics of {@code in}.
   *
   * @param level the intervals' coverage (0.95)
   * @param reps bootstrap replicates for the scores and the probabilities of improvement (curves and profiles
   *     use at most 2,000 per point, as rliable's examples do)
   * @param seed the resampling seed: same seed, same intervals
   */
  public static Result compute(Input in, String metric, double level, int reps, long seed) {
    RandomGenerator rng = Stats.rng(seed);
    List<Row> rows = new ArrayList<>();
    for (Config c : in.configs()) {
      double[][] s = c.scores();
      Map<String, Double> ref = in.reference().getOrDefault(c.name(), Map.of());
      rows.add(new Row(c.name(), c.runs().size(), Stats.mean(s), Stats.std(s[0]), Stats.standardError(s[0]),
          Stats.bootstrap(s, Stats::mean, level, reps, rng), Stats.bootstrap(s, Stats::iqm, level, reps, rng),
          ref.getOrDefault(metric, Double.NaN), ref.getOrDefault(metric + Reference.SE, Double.NaN)));
    }
    List<Pair> pairs = new ArrayList<>();
    for (Config x : in.configs()) {
      for (Config y : in.configs()) {
        if (x != y) {
          pairs.add(new Pair(x.name(), y.name(), Stats.probabilityOfImprovement(x.scores(), y.scores(), level, reps,
              rng)));
        }
      }
    }
    int bandReps = Math.min(reps, 2000);
    Map<String, double[][]> curves = new LinkedHashMap<>();
    for (Config c : in.configs()) {
      TreeMap<Double, List<Double>> byStep = new TreeMap<>();
      for (Run r : c.runs()) {
        for (int i = 0; i < r.steps().length; i++) {
          if (Double.isFinite(r.returns()[i])) {
            byStep.computeIfAbsent(r.steps()[i], k -> new ArrayList<>()).add(r.returns()[i]);
          }
        }
      }
      if (byStep.isEmpty()) {
        continue;
      }
      double[][] curve = new double[5][byStep.size()];
      int i = 0;
      for (var e : byStep.entrySet()) {
        double[][] v = {e.getValue().stream().mapToDouble(Double::doubleValue).toArray()};
        Stats.Estimate m = Stats.bootstrap(v, Stats::mean, level, bandReps, rng);
        curve[0][i] = e.getKey();
        curve[1][i] = v[0].length;
        curve[2][i] = m.value();
        curve[3][i] = m.low();
        curve[4][i] = m.high();
        i++;
      }
      curves.put(c.name(), curve);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Config c : in.configs()) {
      for (double v : Stats.pool(c.scores())) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo == hi) {
      lo -= 1;
      hi += 1;
    }
    double[] taus = new double[101];
    for (int k = 0; k < taus.length; k++) {
      taus[k] = lo + (hi - lo) * k / (taus.length - 1);
    }
    Map<String, double[][]> profiles = new LinkedHashMap<>();
    for (Config c : in.configs()) {
      profiles.put(c.name(), Stats.profileBand(c.scores(), taus, level, bandReps, rng));
    }
    List<String> sources = rows.stream().anyMatch(Row::hasReference) ? in.sources() : List.of();
    String curveOf = in.configs().stream().flatMap(c -> c.runs().stream()).map(Run::curveOf)
        .filter(java.util.Objects::nonNull).findFirst().orElse(RETURN);
    return new Result(metric, level, reps, seed, rows, pairs, curves, curveOf, taus, profiles, in.notes(), sources);
  }

  /** The terminal table: one row per configuration, then the probabilities of improvement. */
  public static String table(Result r) {
    int w = Math.max(13, r.rows().stream().mapToInt(x -> x.config().length()).max().orElse(0));
    int pct = (int) Math.round(100 * r.level());
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s (%d%% intervals: percentile bootstrap, %,d replicates, seed %d)%n",
        r.metric(), pct, r.reps(), r.seed()));
    String head = String.format(Locale.ROOT, "%-" + w + "s %5s %10s %10s %10s %23s %10s %23s", "configuration",
        "runs", "mean", "std", "se", "mean " + pct + "% CI", "IQM", "IQM " + pct + "% CI")
        + (r.hasReference() ? "   reference (± se)" : "");
    b.append(head).append('\n').append("-".repeat(head.length())).append('\n');
    for (Row x : r.rows()) {
      b.append(String.format(Locale.ROOT, "%-" + w + "s %5d %10s %10s %10s %23s %10s %23s", x.config(), x.runs(),
          num(x.mean()), num(x.std()), num(x.se()), ci(x.meanCi()), num(x.iqm().value()), ci(x.iqm())));
      if (r.hasReference()) {
        b.append("   ").append(x.hasReference() ? num(x.reference()) + (Double.isNaN(x.referenceSe()) ? ""
            : " ± " + num(x.referenceSe())) : "-");
      }
      b.append('\n');
    }
    for (String src : r.sources()) {
      b.append("reference: ").append(src).append('\n');
    }
    if (r.rows().size() > 1) {
      b.append('\n');
      if (r.rows().size() <= 8) {
        b.append("P(row > column): the probability that a run of the row's configuration scores above one of the "
            + "column's\n");
        b.append(String.format(Locale.ROOT, "%-" + (w + 5) + "s", ""));
        for (int j = 0; j < r.rows().size(); j++) {
          b.append(String.format(Locale.ROOT, " %6s", "[" + j + "]"));
        }
        b.append('\n');
        for (int i = 0; i < r.rows().size(); i++) {
          String xi = r.rows().get(i).config();
          b.append(String.format(Locale.ROOT, "%-" + (w + 5) + "s", "[" + i + "] " + xi));
          for (int j = 0; j < r.rows().size(); j++) {
            String yj = r.rows().get(j).config();
            b.append(i == j ? String.format(Locale.ROOT, " %6s", "-") : String.format(Locale.ROOT, " %6.2f",
                pair(r, xi, yj).p().value()));
          }
          b.append('\n');
        }
      } else {
        Row best = r.rows().stream().max((p, q) -> Double.compare(p.iqm().value(), q.iqm().value())).orElseThrow();
        b.append("P(best by IQM > configuration), ").append(best.config()).append(":\n");
        for (Row x : r.rows()) {
          if (x != best) {
            Stats.Estimate e = pair(r, best.config(), x.config()).p();
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %.2f %s%n", x.config(), e.value(), ci(e)));
          }
        }
      }
    }
    for (String n : r.notes()) {
      b.append("note: ").append(n).append('\n');
    }
    return b.toString();
  }

  private static Pair pair(Result r, String x, String y) {
    return r.pairs().stream().filter(p -> p.x().equals(x) && p.y().equals(y)).findFirst().orElseThrow();
  }

  /**
   * Writes scores.csv, improvement.csv, curves.csv, profiles.csv and the plots scores.png,
   * learning_curves.png (when the runs have eval.csv) and profiles.png into {@code out}.
   *
   * @return the files written
   */
  public static List<Path> write(Result r, Path out) {
    List<Path> files = new ArrayList<>();
    files.add(csv(out.resolve("scores.csv"), scores(List.of(r), false)));
    if (r.hasReference()) {
      files.add(csv(out.resolve("reference.csv"), references(List.of(r), false)));
    }
    StringBuilder p = new StringBuilder("x,y,probability_x_above_y,ci_low,ci_high\n");
    for (Pair x : r.pairs()) {
      p.append(cells(x.x(), x.y(), x.p().value(), x.p().low(), x.p().high()));
    }
    files.add(csv(out.resolve("improvement.csv"), p));
    StringBuilder c = new StringBuilder("config,step,runs,mean,ci_low,ci_high\n");
    r.curves().forEach((k, v) -> {
      for (int i = 0; i < v[0].length; i++) {
        c.append(cells(k, v[0][i], (int) v[1][i], v[2][i], v[3][i], v[4][i]));
      }
    });
    files.add(csv(out.resolve("curves.csv"), c));
    StringBuilder f = new StringBuilder("config,tau,fraction_above,ci_low,ci_high\n");
    r.profiles().forEach((k, v) -> {
      for (int i = 0; i < r.taus().length; i++) {
        f.append(cells(k, r.taus()[i], v[0][i], v[1][i], v[2][i]));
      }
    });
    files.add(csv(out.resolve("profiles.csv"), f));
    int pct = (int) Math.round(100 * r.level());
    List<String> names = r.rows().stream().map(Row::config).toList();
    Path scores = out.resolve("scores.png");
    Plots.intervals(scores, "IQM, " + pct + "% stratified bootstrap CI",
        r.metric(), names, r.rows().stream().mapToDouble(x -> x.iqm().value()).toArray(),
        r.rows().stream().mapToDouble(x -> x.iqm().low()).toArray(),
        r.rows().stream().mapToDouble(x -> x.iqm().high()).toArray());
    files.add(scores);
    if (!r.curves().isEmpty()) {
      List<Plots.Band> bands = new ArrayList<>();
      r.curves().forEach((k, v) -> bands.add(new Plots.Band(k, v[0], v[2], v[3], v[4])));
      Path lc = out.resolve("learning_curves.png");
      if (r.curveOf().equals(RETURN)) {
        Plots.bands(lc, "greedy evaluation return: mean over runs, " + pct + "% bootstrap band", "environment steps",
            "return", bands);
      } else {
        Plots.bands(lc, r.curveOf() + " at each evaluation: mean over runs, " + pct + "% bootstrap band", "step",
            r.curveOf(), bands);
      }
      files.add(lc);
    }
    List<Plots.Band> prof = new ArrayList<>();
    r.profiles().forEach((k, v) -> prof.add(new Plots.Band(k, r.taus(), v[0], v[1], v[2])));
    Path pp = out.resolve("profiles.png");
    Plots.bands(pp, "performance profile: fraction of runs with " + r.metric() + " > τ", "τ",
        "fraction of runs", prof);
    files.add(pp);
    return files;
  }

  /**
   * The reports of several metrics of the same runs: every table, one after the other; in {@code out}, each metric's
   * files in a folder named after it ({@link #write(Result, Path)}), and scores.csv (and reference.csv where a
   * reference applies) of all metrics with a leading {@code metric} column.
   *
   * @return the files written
   */
  public static List<Path> write(List<Result> results, Path out) {
    if (results.size() == 1) {
      return write(results.get(0), out);
    }
    List<Path> files = new ArrayList<>();
    for (Result r : results) {
      files.addAll(write(r, out.resolve(r.metric())));
    }
    files.add(csv(out.resolve("scores.csv"), scores(results, true)));
    if (results.stream().anyMatch(Result::hasReference)) {
      files.add(csv(out.resolve("reference.csv"), references(results, true)));
    }
    return files;
  }

  /** The tables of several metrics, each as {@link #table(Result)}, separated by a blank line. */
  public static String tables(List<Result> results) {
    StringBuilder b = new StringBuilder();
    for (Result r : results) {
      b.append(b.length() > 0 ? "\n" : "").append(table(r));
    }
    return b.toString();
  }

  private static StringBuilder scores(List<Result> results, boolean metricColumn) {
    StringBuilder s = new StringBuilder(metricColumn ? "metric," : "")
        .append("config,runs,mean,std,se,mean_ci_low,mean_ci_high,iqm,iqm_ci_low,iqm_ci_high\n");
    for (Result r : results) {
      for (Row x : r.rows()) {
        String line = cells(x.config(), x.runs(), x.mean(), x.std(), x.se(), x.meanCi().low(), x.meanCi().high(),
            x.iqm().value(), x.iqm().low(), x.iqm().high());
        s.append(metricColumn ? cells(r.metric()).strip() + "," : "").append(line);
      }
    }
    return s;
  }

  /** Ours beside the published figures: the rows with a reference, mean ± se against reference ± se. */
  private static StringBuilder references(List<Result> results, boolean metricColumn) {
    StringBuilder s = new StringBuilder(metricColumn ? "metric," : "")
        .append("config,runs,mean,se,reference,reference_se,source\n");
    for (Result r : results) {
      for (Row x : r.rows()) {
        if (x.hasReference()) {
          String line = cells(x.config(), x.runs(), x.mean(), x.se(), x.reference(), x.referenceSe(),
              String.join("; ", r.sources()));
          s.append(metricColumn ? cells(r.metric()).strip() + "," : "").append(line);
        }
      }
    }
    return s;
  }

  private static Path csv(Path file, StringBuilder text) {
    try {
      AtomicFiles.write(file, text.toString());
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot write " + file, e.getCause());
    }
    return file;
  }

  /** One CSV line; text with a comma or a quote is quoted (RFC 4180), numbers in Java's round-trip form. */
  private static String cells(Object... values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      Object v = values[i];
      String t = v instanceof Double d && d.isNaN() ? "" : String.valueOf(v);
      b.append(t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t);
    }
    return b.append('\n').toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String ci(Stats.Estimate e) {
    return "[" + num(e.low()) + ", " + num(e.high()) + "]";
  }
}
