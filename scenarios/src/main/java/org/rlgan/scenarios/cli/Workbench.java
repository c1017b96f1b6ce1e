package org.rlgan.scenarios.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.ConfigError;
import org.rlgan.scenarios.config.Names;
import org.rlgan.scenarios.config.TypeRegistry;
import org.rlgan.scenarios.run.BuildInfo;
import org.rlgan.scenarios.run.RunOptions;
import org.rlgan.scenarios.run.Runs;
import org.rlgan.scenarios.spec.Schemas;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code workbench} command line. Exit codes: 0 success, 1 the run failed, 2 bad input (the scenario, an
 * option or a path), always without a stack trace unless {@code WORKBENCH_DEBUG=1}.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, versionProvider = Workbench.Version.class,
    description = "Run YAML scenarios of the rlgan workbench: exact MDP solvers, tabular and deep RL agents.",
    subcommands = {Workbench.RunCmd.class, Workbench.ValidateCmd.class, Workbench.ListCmd.class,
        Workbench.DescribeCmd.class, SweepCommand.class, ReportCommand.class, PlayCmd.class,
        AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the run failed", "2:bad input (scenario file, option, path)"})
public final class Workbench implements Runnable {

  /** Exit codes. */
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  final PrintStream out;
  final PrintStream err;

  Workbench(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the command line in-process (the tests' entry point); returns the exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    Workbench root = new Workbench(out, err);
    CommandLine cl = new CommandLine(root, new Factory(root));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      if (ex instanceof BadInputException bad) {
        for (ConfigError e : bad.errors()) {
          err.println("error: " + e.format());
        }
        err.println(bad.errors().size() == 1 ? "1 error; nothing was run"
            : bad.errors().size() + " errors; nothing was run");
        return BAD_INPUT;
      }
      err.println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if ("1".equals(System.getenv("WORKBENCH_DEBUG"))) {
        ex.printStackTrace(err);
      } else {
        err.println("(set WORKBENCH_DEBUG=1 for the stack trace)");
      }
      return FAILED;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  static boolean terminal() {
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
  }

  static Path home() {
    String h = System.getProperty("workbench.home");
    return h != null ? Path.of(h) : Path.of("").toAbsolutePath();
  }

  /** Gives subcommands the streams of the root. */
  private record Factory(Workbench root) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (Sub.class.isAssignableFrom(cls)) {
        K k = cls.getDeclaredConstructor().newInstance();
        ((Sub) k).root = root;
        return k;
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** What subcommands share. */
  abstract static class Sub {
    Workbench root;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a scenario into runs/<scenario>/<date-time>-s<seed>/.")
  static final class RunCmd extends Sub implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the scenario file (YAML)")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "override a key by its dotted path, e.g. --set agent.discount=0.95 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "the output root instead of the scenario's 'out'")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "the seed instead of the scenario's 'seed'")
    Long seed;

    @Option(names = "--resume", paramLabel = "DIR",
        description = "continue the run in this run folder (a complete run is left as it is)")
    Path resume;

    @Option(names = "--render", description = "a live window playing evaluation episodes of the latest policy "
        + "snapshot (DQN runs), on its own thread")
    boolean render;

    @Option(names = "--record", paramLabel = "FILE", description = "write the evaluation episodes' frames (with or "
        + "without --render): FILE.gif, FILE.png (numbered frames) or a folder")
    Path record;

    @Option(names = "--frames", paramLabel = "N", description = "stop the live view or recording after N frames "
        + "(default: the whole run with --render, 1000 for --record alone)")
    Integer frames;

    @Override
    public Integer call() throws Exception {
      if (frames != null && frames < 0) {
        throw new BadInputException(org.rlgan.scenarios.config.Loc.of("--frames " + frames), "",
            "must be 0 (no limit) or more");
      }
      org.rlgan.scenarios.run.LiveRender.Settings live = !render && record == null ? null
          : new org.rlgan.scenarios.run.LiveRender.Settings(render, record,
              frames != null ? frames : render ? 0 : 1000, 30);
      if (seed != null && seed < 0) {
        throw new BadInputException(org.rlgan.scenarios.config.Loc.of("--seed " + seed), "seed",
            "the seed must be 0 or more");
      }
      if (resume != null && !Files.isDirectory(resume)) {
        throw new BadInputException(org.rlgan.scenarios.config.Loc.of("--resume " + resume), "",
            "no such run folder");
      }
      ScenarioLoader.Loaded l = ScenarioLoader.load(file, sets);
      if (l.sweep() != null) {
        root.err.println("note: 'run' runs the scenario once, without its sweep: block; 'workbench sweep " + file
            + "' runs the sweep");
      }
      var s = l.spec();
      if (live != null && !(s instanceof org.rlgan.scenarios.spec.RlScenario rl
          && rl.agent() instanceof org.rlgan.scenarios.spec.DqnSpec)
          && !(s instanceof org.rlgan.scenarios.spec.GanScenario)) {
        throw new BadInputException(org.rlgan.scenarios.config.Loc.of(render ? "--render" : "--record"), "",
            "live views and recordings during a run are for DQN runs (kind: rl, agent type dqn) and kind: gan; "
                + "play a finished tabular run with 'workbench play RUN_DIR'");
      }
      l = new ScenarioLoader.Loaded(s.with(s.name(), seed != null ? seed : s.seed(),
          out != null ? out.toString() : s.out()), l.file());
      Runs.Outcome o = Runs.run(l, new RunOptions(resume, root.err, terminal(), home(), live));
      root.out.println(o.folder().dir());
      return o.ok() ? OK : FAILED;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check a scenario file and report every mistake; runs nothing.")
  static final class ValidateCmd extends Sub implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the scenario file (YAML)")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "overrides to check with it")
    List<String> sets = new ArrayList<>();

    @Option(names = "--print", description = "print the fully resolved scenario (every key, defaults included)")
    boolean print;

    @Override
    public Integer call() {
      ScenarioLoader.Loaded l = ScenarioLoader.load(file, sets);
      root.out.println("ok: " + file + " (kind " + l.spec().kind() + ", name " + l.spec().name() + ")");
      if (l.sweep() != null) {
        root.out.println("sweep: " + l.sweep().configs() + " configurations x " + l.sweep().seeds().size()
            + " seeds = " + l.sweep().trials().size() + " trials ('workbench sweep " + file + "' runs them)");
      }
      if (l.reference() != null) {
        root.out.println("reference: " + l.reference().rows().size() + " rows of " + l.reference().source()
            + " ('workbench report' prints them beside the sweep's results)");
      }
      if (print) {
        root.out.print(l.resolvedYaml());
      }
      return OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List what a scenario can name: envs, agents, solvers, models, gans, examples.")
  static final class ListCmd extends Sub implements Callable<Integer> {
    enum What { envs, agents, solvers, models, gans, examples }

    @Parameters(paramLabel = "WHAT", description = "one of: ${COMPLETION-CANDIDATES}")
    What what;

    @Override
    public Integer call() throws Exception {
      PrintStream o = root.out;
      switch (what) {
        case envs -> {
          Registry r = Registry.builtin();
          for (String id : r.ids()) {
            EnvSpec s = r.spec(id);
            o.printf("%-28s limit %s%n", id, s.maxEpisodeSteps().isPresent() ? s.maxEpisodeSteps().getAsInt()
                : "none");
          }
        }
        case agents -> entries(Schemas.AGENTS);
        case solvers -> entries(Schemas.SOLVERS);
        case models -> entries(Schemas.MODELS);
        case gans -> {
          o.println("losses (gan.loss): " + String.join(", ", Schemas.GAN_LOSSES));
          o.println("data (data.type):");
          entries(Schemas.GAN_DATA);
          o.println("networks (networks.type):");
          entries(Schemas.GAN_NETWORKS);
          o.println("penalties (gan.penalty.type):");
          entries(Schemas.GAN_PENALTIES);
          o.println("learning rates (gan.generator_lr, gan.discriminator_lr: a number or a block):");
          entries(Schemas.LEARNING_RATES);
        }
        case examples -> {
          Path dir = home().resolve("scenarios/examples");
          if (!Files.isDirectory(dir)) {
            throw new BadInputException(org.rlgan.scenarios.config.Loc.of(dir.toString()), "",
                "no examples folder here; run from the repository root or through ./workbench");
          }
          try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
              String first = Files.readAllLines(p).stream().filter(x -> x.startsWith("#")).findFirst().orElse("#");
              o.printf("%-48s %s%n", home().relativize(p.toAbsolutePath()), first.substring(1).trim());
            }
          }
        }
      }
      return OK;
    }

    private void entries(TypeRegistry<?> r) {
      r.entries().forEach(e -> root.out.printf("%-28s %s%n", e.name(), e.doc()));
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Every key of an agent, solver, model or scenario kind, with its default, range and meaning.")
  static final class DescribeCmd extends Sub implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "e.g. q_learning, value_iteration, forest, rl, mdp")
    String type;

    @Override
    public Integer call() {
      List<TypeRegistry<?>> regs = new ArrayList<>();
      List<TypeRegistry.Entry<?>> found = Describe.find(type, regs);
      if (found.isEmpty()) {
        throw new BadInputException(org.rlgan.scenarios.config.Loc.of("describe " + type), "",
            "unknown type '" + type + "'" + Names.didYouMean(type, Describe.allNames()) + "; one of "
                + Describe.allNames());
      }
      for (int i = 0; i < found.size(); i++) {
        root.out.print(Describe.describe(regs.get(i), found.get(i)));
        if (i < found.size() - 1) {
          root.out.println();
        }
      }
      return OK;
    }
  }

  /** {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rlgan workbench " + BuildInfo.version(), BuildInfo.jvm()};
    }
  }
}
