package org.rlgan.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Binder;
import org.rlgan.scenarios.config.ConfigError;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.config.Overrides;
import org.rlgan.scenarios.config.Unbinder;
import org.rlgan.scenarios.config.YNode;
import org.rlgan.scenarios.config.YamlTree;
import org.rlgan.scenarios.run.TabularRunner;
import org.rlgan.scenarios.spec.AgentSpec;
import org.rlgan.scenarios.spec.EnvConfig;
import org.rlgan.scenarios.spec.GanScenario;
import org.rlgan.scenarios.spec.WrapperSpec;
import org.rlgan.scenarios.spec.MdpScenario;
import org.rlgan.scenarios.spec.ModelSpec;
import org.rlgan.scenarios.spec.RlScenario;
import org.rlgan.scenarios.spec.ScenarioSpec;
import org.rlgan.scenarios.spec.Schemas;
import org.rlgan.scenarios.sweep.Reference;
import org.rlgan.scenarios.sweep.SweepPlan;

/**
 * Reads a scenario file: YAML to a located tree, {@code --set} overrides applied to the tree, the tree bound to
 * the records, then the checks that span blocks (env options, tabular agents on discrete envs). Every mistake
 * of every stage that can still run is collected into one {@link BadInputException}.
 */
public final class ScenarioLoader {

  /** The fewest fixed-noise samples the image metrics are computed on (gan-lab's ImageEvaluator needs 20). */
  static final int MIN_IMAGE_EVAL_SAMPLES = 20;

  private static final Pattern OPTION = Pattern.compile("option '([^']+)'");

  private ScenarioLoader() {}

  /**
   * The top-level key of the sweep block; {@code run} ignores it, {@code sweep} expands it (and keeps the
   * {@link Reference#KEY} block beside it).
   */
  public static final String SWEEP = "sweep";

  /**
   * A loaded scenario with its name resolved (the file name when the file gives none).
   *
   * @param sweep the trials of the file's {@code sweep:} block, or null when it has none
   * @param reference the file's {@code reference:} block (published figures beside the sweep's), or null
   */
  public record Loaded(ScenarioSpec spec, Path file, SweepPlan sweep, Reference reference) {

    public Loaded(ScenarioSpec spec, Path file) {
      this(spec, file, null, null);
    }

    /** The fully resolved scenario as YAML: every key, defaults included. */
    public String resolvedYaml() {
      return toYaml(Unbinder.plain(spec));
    }
  }

  /** Reads {@code file}, applies the {@code --set} overrides and binds it; every mistake at once. */
  public static Loaded load(Path file, List<String> sets) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(Loc.of(source), "", "no such file; check the path (examples: 'workbench list "
          + "examples')");
    } catch (CharacterCodingException e) {
      throw new BadInputException(Loc.of(source), "", "not UTF-8 text; save the file as UTF-8");
    } catch (IOException e) {
      throw new BadInputException(Loc.of(source), "", "cannot read: " + e.getMessage());
    }
    return load(text, source, file, sets);
  }

  /**
   * Binds scenario text that did not come from a file the user names (a sweep trial's resolved scenario).
   *
   * @param source what errors name, e.g. {@code "trial c01-s0 of cartpole-lr-sweep"}
   * @param file the file the text stands for (its name is the default scenario name and is recorded in run.json)
   */
  public static Loaded load(String text, String source, Path file, List<String> sets) {
    List<ConfigError> errors = new ArrayList<>();
    YNode.MapNode root = tree(text, source, sets, errors);
    YNode.Entry sweep = root.entries().remove(SWEEP);
    YNode.Entry reference = root.entries().remove(Reference.KEY);
    ScenarioSpec spec = bind(root, errors);
    String name = spec != null && spec.name() != null ? spec.name() : stem(file);
    SweepPlan plan = null;
    if (sweep != null) {
      // Each configuration is the file's tree (without its sweep block, with the --set overrides) and the
      // configuration's values, bound and checked exactly like a file: the same rules, the same messages.
      plan = SweepPlan.plan(sweep, name, spec == null ? 0 : spec.seed(), () -> {
        YNode.MapNode t = tree(text, source, sets, new ArrayList<>());
        t.entries().remove(SWEEP);
        t.entries().remove(Reference.KEY);
        return t;
      }, errors);
    }
    Reference ref = null;
    if (reference != null && (sweep == null || plan != null)) {
      ref = Reference.plan(reference, plan, errors);
    }
    if (!errors.isEmpty()) {
      throw new BadInputException(errors);
    }
    return new Loaded(spec.with(name, spec.seed(), spec.out()), file, plan, ref);
  }

  /** The file's located tree with the {@code --set} overrides applied (their mistakes go to {@code errors}). */
  private static YNode.MapNode tree(String text, String source, List<String> sets, List<ConfigError> errors) {
    YNode root = YamlTree.parse(text, source);
    if (!(root instanceof YNode.MapNode map)) {
      throw new BadInputException(root.loc(), "", "a scenario is a mapping of keys (kind:, env:, ...), not "
          + root.describe());
    }
    for (String s : sets) {
      errors.addAll(Overrides.apply(map, s));
    }
    return map;
  }

  /**
   * Binds a scenario tree (without a sweep block) and runs the checks that span blocks.
   *
   * @param errors receives every mistake
   * @return the scenario, or null when anything was wrong
   */
  public static ScenarioSpec bind(YNode.MapNode root, List<ConfigError> errors) {
    Binder binder = new Binder(Schemas.schema());
    ScenarioSpec spec = binder.bind(root, ScenarioSpec.class);
    errors.addAll(binder.errors());
    if (spec != null && binder.errors().isEmpty()) {
      check(spec, binder);
      errors.addAll(binder.errors());
      return binder.errors().isEmpty() ? spec : null;
    }
    // Other blocks have mistakes; still check the env's options so they are reported in the same pass.
    YNode.Entry env = root.entries().get("env");
    if (env != null) {
      Binder one = new Binder(Schemas.schema());
      EnvConfig ec = one.bind(env.value(), EnvConfig.class, "env");
      if (ec != null) {
        makeEnv(ec, one);
        errors.addAll(one.errors());
      }
    }
    return null;
  }

  private static void check(ScenarioSpec spec, Binder binder) {
    if (spec instanceof RlScenario rl) {
      Env<?, ?> env = makeEnv(rl.env(), binder);
      if (env != null && rl.agent().tabular()) {
        try {
          TabularRunner.discrete(env, rl.agent().type());
        } catch (IllegalArgumentException e) {
          binder.error(rl.env(), "id", e.getMessage());
        }
      }
    } else if (spec instanceof GanScenario gan) {
      int before = binder.errors().size();
      gan.data().check((key, message) -> binder.error(gan.data(), key, message));
      if (binder.errors().size() > before) {
        return;
      }
      long[] shape = gan.data().sampleShape();
      gan.networks().check(gan.data(), shape, (key, message) -> binder.error(gan.networks(), key, message));
      if (shape != null && shape.length == 3 && gan.gan().evalSamples() < MIN_IMAGE_EVAL_SAMPLES) {
        binder.error(gan.gan(), "eval_samples", gan.gan().evalSamples() + " samples are too few for the image "
            + "metrics (KID subsets, 3rd nearest neighbours, 10 score splits); give at least "
            + MIN_IMAGE_EVAL_SAMPLES + " (2000 is usual)");
      }
      if (binder.errors().size() > before) {
        return;
      }
      try {
        gan.config();
      } catch (IllegalArgumentException e) {
        binder.error(gan.gan(), null, snakeCase(e.getMessage().replace("GanConfig.", "gan."),
            GanScenario.Game.class));
      }
    } else if (spec instanceof MdpScenario mdp) {
      if (mdp.model() instanceof ModelSpec.EnvModel em) {
        if (makeEnv(new EnvConfig(em.id(), em.options()), binder, em) == null) {
          return;
        }
      }
      try {
        mdp.model().build();
      } catch (IllegalArgumentException e) {
        binder.error(mdp.model(), mdp.model() instanceof ModelSpec.EnvModel ? "id" : null, e.getMessage());
      }
      for (AgentSpec a : mdp.learners()) {
        if (!a.tabular()) {
          binder.error(a, "type", "learners of an mdp scenario must be tabular (q_learning, sarsa, "
              + "expected_sarsa, double_q); '" + a.type() + "' belongs in a kind: rl scenario");
        }
      }
    }
  }

  private static Env<?, ?> makeEnv(EnvConfig env, Binder binder) {
    return makeEnv(env, binder, env);
  }

  /**
   * Makes the env to check its options and wrappers; errors are placed at the offending option key where it can be
   * named, and at the wrapper's entry when a wrapper does not suit the environment.
   */
  private static Env<?, ?> makeEnv(EnvConfig env, Binder binder, Object block) {
    Env<?, ?> made;
    try {
      made = Registry.builtin().make(env.id(), env.options());
    } catch (IllegalArgumentException e) {
      Map<String, Object> opts = env.options();
      Matcher m = OPTION.matcher(e.getMessage());
      if (m.find() && binder.entry(opts, m.group(1)) != null) {
        binder.error(opts, m.group(1), e.getMessage());
      } else {
        binder.error(block, env.options().isEmpty() ? "id" : "options", e.getMessage());
      }
      return null;
    }
    for (WrapperSpec w : env.wrappers()) {
      try {
        made = w.wrap(made);
      } catch (IllegalArgumentException e) {
        binder.error(w, "type", "this wrapper does not suit the environment below it: " + e.getMessage()
            + "; reorder or remove it (docs/envs.md lists what each wrapper needs)");
        return null;
      }
    }
    return made;
  }

  /** The record's component names written in the file's snake_case where they appear in a message. */
  private static String snakeCase(String message, Class<? extends Record> type) {
    for (var c : type.getRecordComponents()) {
      String snake = c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
      message = message.replaceAll("\\b" + c.getName() + "\\b", snake);
    }
    return message.replace("SIMULTANEOUS", "simultaneous").replace("ALTERNATING", "alternating");
  }

  static String stem(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n.endsWith(".yml") ? n.substring(0, n.length() - 4)
        : n;
  }

  /** Plain data (maps, lists, scalars) as block YAML, the form of a resolved scenario. */
  public static String toYaml(Object plain) {
    try {
      return new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
