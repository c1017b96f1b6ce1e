package org.rlgan.scenarios.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.config.Binder;
import org.rlgan.scenarios.config.ConfigError;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.config.Overrides;
import org.rlgan.scenarios.config.Unbinder;
import org.rlgan.scenarios.config.YNode;
import org.rlgan.scenarios.run.Json;
import org.rlgan.scenarios.spec.ScenarioSpec;
import org.rlgan.scenarios.spec.Schemas;

/**
 * A {@code sweep:} block expanded into its trials: configurations (the grid's combinations, each with every random
 * draw) times seeds, each configuration validated by binding the file's tree with its values set by the same
 * dotted paths as {@code --set}, so a misspelt key or an out-of-range value is reported at its line in the sweep
 * block with the message a {@code --set} would give.
 *
 * @param sweep the sweep's name (the scenario's)
 * @param configs how many configurations
 * @param seeds the seeds each configuration runs with
 * @param trials every trial, configuration-major: c00-s0, c00-s1, ..., c01-s0, ...
 */
public record SweepPlan(String sweep, int configs, List<Long> seeds, List<Trial> trials) {

  /** More configurations than this is a mistake in the block, not a sweep anyone means to run. */
  public static final int MAX_CONFIGS = 100_000;

  private static final Set<String> RESERVED = Set.of("seed", "name", "out", "kind");

  public SweepPlan {
    seeds = List.copyOf(seeds);
    trials = List.copyOf(trials);
  }

  /**
   * Expands and validates a sweep block.
   *
   * @param block the file's {@code sweep:} entry
   * @param name the scenario's resolved name
   * @param baseSeed the scenario's seed (the seeds when the block gives none)
   * @param tree a fresh copy of the file's tree without its sweep block, overrides applied, on each call
   * @param errors receives every mistake
   * @return the plan, or null when anything was wrong
   */
  public static SweepPlan plan(YNode.Entry block, String name, long baseSeed, Supplier<YNode.MapNode> tree,
      List<ConfigError> errors) {
    int before = errors.size();
    Binder binder = new Binder(Schemas.schema());
    SweepSpec spec = binder.bind(block.value(), SweepSpec.class, ScenarioLoader.SWEEP);
    errors.addAll(binder.errors());
    if (spec == null) {
      return null;
    }
    if (spec.seeds() != null) {
      YNode at = binder.entry(spec, "seeds").value();
      if (spec.seeds().isEmpty()) {
        errors.add(new ConfigError(at.loc(), "sweep.seeds", "empty; give at least one seed, e.g. seeds: [0, 1, 2]"));
      } else if (spec.seeds().stream().anyMatch(x -> x < 0)) {
        errors.add(new ConfigError(at.loc(), "sweep.seeds", spec.seeds() + " has a negative seed; seeds are 0 or more"));
      } else if (spec.seeds().stream().distinct().count() != spec.seeds().size()) {
        errors.add(new ConfigError(at.loc(), "sweep.seeds", spec.seeds() + " repeats a seed; a repeated seed would "
            + "run the same trial twice"));
      }
    }
    // The axes: each dotted key with its candidate values (grid) or its distribution (random), located.
    Map<String, List<YNode>> grid = new LinkedHashMap<>();
    Map<String, Loc> where = new LinkedHashMap<>();
    for (String key : spec.grid().keySet()) {
      YNode.Entry e = binder.entry(spec.grid(), key);
      where.put(key, e.keyLoc());
      if (!(e.value() instanceof YNode.ListNode l) || l.items().isEmpty()) {
        errors.add(new ConfigError(e.value().loc(), "sweep.grid." + key, "expected a non-empty list of values to "
            + "try, got " + (e.value() instanceof YNode.ListNode ? "an empty list" : e.value().describe())
            + (e.value() instanceof YNode.ListNode ? "" : " (write [a, b, c], even for one value)")));
      } else {
        grid.put(key, l.items());
      }
    }
    Map<String, Distribution> random = new LinkedHashMap<>();
    if (spec.random() != null) {
      Map<String, Object> params = spec.random().params();
      for (String key : params.keySet()) {
        YNode.Entry e = binder.entry(params, key);
        String path = "sweep.random.params." + key;
        if (where.containsKey(key)) {
          errors.add(new ConfigError(e.keyLoc(), path, "'" + key + "' is already swept by the grid (line "
              + where.get(key).line() + "); sweep each key in one place"));
          continue;
        }
        where.put(key, e.keyLoc());
        Binder one = new Binder(Schemas.schema());
        Distribution d = one.bind(e.value(), Distribution.class, path);
        errors.addAll(one.errors());
        if (d != null) {
          random.put(key, d);
        }
      }
    }
    for (var w : where.entrySet()) {
      String top = w.getKey().split("[.\\[]", 2)[0];
      if (RESERVED.contains(top)) {
        errors.add(new ConfigError(w.getValue(), w.getKey(), top.equals("seed")
            ? "sweep seeds with 'sweep.seeds: [0, 1, 2]', not as a key" : "a sweep cannot vary '" + top
            + "': every trial shares the scenario's " + top));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    long configs = spec.random() == null ? 1 : spec.random().trials();
    for (List<YNode> values : grid.values()) {
      configs *= values.size();
      if (configs > MAX_CONFIGS) {
        errors.add(new ConfigError(block.keyLoc(), ScenarioLoader.SWEEP, "more than " + MAX_CONFIGS
            + " configurations; sweep fewer values"));
        return null;
      }
    }
    // Every bound of a distribution must be a valid value of its key, whatever the draws happen to be.
    for (var d : random.entrySet()) {
      for (Object x : d.getValue().extremes()) {
        bind(tree.get(), Map.of(d.getKey(), node(x, where.get(d.getKey()))), where, errors);
      }
    }
    if (errors.size() > before) {
      return null;
    }
    List<Map<String, YNode>> draws = draws(spec.random(), random, where);
    List<Long> seeds = spec.seeds() != null ? spec.seeds() : List.of(baseSeed);
    int digits = Math.max(2, String.valueOf(configs - 1).length());
    List<Trial> trials = new ArrayList<>();
    int[] at = new int[grid.size()];
    List<String> keys = new ArrayList<>(grid.keySet());
    int c = 0;
    do {
      for (Map<String, YNode> draw : draws) {
        Map<String, YNode> values = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
          values.put(keys.get(k), grid.get(keys.get(k)).get(at[k]));
        }
        values.putAll(draw);
        ScenarioSpec s = bind(tree.get(), values, where, errors);
        if (s != null) {
          Map<String, String> params = new LinkedHashMap<>();
          values.forEach((k, v) -> params.put(k, text(v)));
          for (long seed : seeds) {
            String id = String.format(Locale.ROOT, "c%0" + digits + "d-s%d", c, seed);
            String yaml = ScenarioLoader.toYaml(Unbinder.plain(s.with(name, seed, s.out())));
            trials.add(new Trial(name, id, c, params, seed, yaml, id));
          }
        }
        c++;
      }
    } while (next(at, grid, keys));
    return errors.size() > before ? null : new SweepPlan(name, c, seeds, trials);
  }

  /** The random configurations: {@code trials} draws of every key in order, from the sampler's seed alone. */
  private static List<Map<String, YNode>> draws(SweepSpec.RandomSpec spec, Map<String, Distribution> random,
      Map<String, Loc> where) {
    if (spec == null) {
      return List.of(Map.of());
    }
    SplittableRandom rng = new SplittableRandom(spec.seed());
    List<Map<String, YNode>> out = new ArrayList<>();
    for (int i = 0; i < spec.trials(); i++) {
      Map<String, YNode> draw = new LinkedHashMap<>();
      random.forEach((k, d) -> draw.put(k, node(d.sample(rng), where.get(k))));
      out.add(draw);
    }
    return out;
  }

  /** The odometer over grid indices, last key fastest; false when every combination was visited. */
  private static boolean next(int[] at, Map<String, List<YNode>> grid, List<String> keys) {
    for (int k = keys.size() - 1; k >= 0; k--) {
      if (++at[k] < grid.get(keys.get(k)).size()) {
        return true;
      }
      at[k] = 0;
    }
    return false;
  }

  /** Sets each dotted key of {@code values} in {@code root} and binds it; mistakes are located in the sweep block. */
  private static ScenarioSpec bind(YNode.MapNode root, Map<String, YNode> values, Map<String, Loc> where,
      List<ConfigError> errors) {
    List<ConfigError> local = new ArrayList<>();
    values.forEach((k, v) -> Overrides.set(root, k, v.copy(l -> l), where.get(k), local));
    ScenarioSpec s = local.isEmpty() ? ScenarioLoader.bind(root, local) : null;
    // The same mistake in many configurations is one mistake.
    local.stream().filter(e -> !errors.contains(e)).forEach(errors::add);
    return s;
  }

  /** A drawn value as a located YAML node. */
  static YNode node(Object v, Loc loc) {
    if (v == null) {
      return new YNode.Scalar("null", YNode.Scalar.Kind.NULL, loc);
    }
    if (v instanceof Double d) {
      return new YNode.Scalar(Double.toString(d), YNode.Scalar.Kind.FLOAT, loc);
    }
    if (v instanceof Long || v instanceof Integer) {
      return new YNode.Scalar(v.toString(), YNode.Scalar.Kind.INT, loc);
    }
    if (v instanceof Boolean b) {
      return new YNode.Scalar(b.toString(), YNode.Scalar.Kind.BOOL, loc);
    }
    if (v instanceof String s) {
      return new YNode.Scalar(s, YNode.Scalar.Kind.STRING, loc);
    }
    if (v instanceof List<?> l) {
      YNode.ListNode out = new YNode.ListNode(loc);
      l.forEach(x -> out.items().add(node(x, loc)));
      return out;
    }
    YNode.MapNode out = new YNode.MapNode(loc);
    ((Map<?, ?>) v).forEach((k, x) -> out.entries().put(String.valueOf(k), new YNode.Entry(String.valueOf(k), loc,
        node(x, loc))));
    return out;
  }

  /** A value as the manifest and reports show it: a scalar as written, a block as compact JSON. */
  static String text(YNode v) {
    if (v instanceof YNode.Scalar s) {
      return s.text();
    }
    return Json.compact(Binder.plain(v));
  }
}
