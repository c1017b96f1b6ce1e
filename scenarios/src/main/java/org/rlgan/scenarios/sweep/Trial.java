package org.rlgan.scenarios.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One trial of a sweep: one configuration at one seed, described completely by value so it can be written to a
 * manifest, shipped to another process or a Spark executor, and run there with nothing else than an output root.
 *
 * <p>{@code scenarioYaml} is the fully resolved scenario of the trial (every default written out, the sweep's
 * values and the seed already applied, no {@code sweep:} block): binding it with
 * {@link org.rlgan.scenarios.ScenarioLoader#load(String, String, Path, java.util.List)} gives the exact scenario
 * the trial runs, whatever happened to the sweep file since. {@code params} only labels the trial for reports and
 * the manifest.
 *
 * @param sweep the sweep's name (the scenario's name)
 * @param id unique within the sweep, e.g. {@code c03-s1} (configuration 3, seed 1); also the folder name
 * @param config index of the configuration, 0-based; trials with the same index differ only in their seed
 * @param params the swept dotted keys and their values as YAML text ({@code agent.learning_rate -> 0.001}), in
 *     the order the sweep block names them; empty for a sweep over seeds alone
 * @param seed the scenario seed of this trial
 * @param scenarioYaml the resolved scenario (YAML text) the trial runs
 * @param dir the trial's run folder, RELATIVE to the output root the engine is given (e.g. {@code c03-s1}); never
 *     absolute and never with {@code ..}, so the same trial lands in the same place on any machine
 */
public record Trial(String sweep, String id, int config, Map<String, String> params, long seed, String scenarioYaml,
    String dir) implements Serializable {

  private static final long serialVersionUID = 1L;

  public Trial {
    if (sweep == null || id == null || scenarioYaml == null || dir == null) {
      throw new IllegalArgumentException("a trial needs a sweep name, an id, a scenario and a folder");
    }
    Path d = Path.of(dir);
    if (d.isAbsolute() || dir.isEmpty() || d.normalize().startsWith("..") || !d.normalize().toString().equals(dir)) {
      throw new IllegalArgumentException("a trial's folder must be a plain relative path under the output root, "
          + "got '" + dir + "'");
    }
    // LinkedHashMap keeps the sweep block's order; the unmodifiable view stays Serializable.
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The configuration as one line, {@code agent.learning_rate=0.001 agent.gamma=0.99}; "base" when nothing varies. */
  public String label() {
    return label(params);
  }

  /** {@link #label()} of a parameter map (the manifest's and the report's name of a configuration). */
  public static String label(Map<String, String> params) {
    return params.isEmpty() ? "base" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
