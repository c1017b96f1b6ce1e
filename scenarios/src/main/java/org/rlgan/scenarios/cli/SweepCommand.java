package org.rlgan.scenarios.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.config.Names;
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.BuildInfo;
import org.rlgan.scenarios.run.RunFolder;
import org.rlgan.scenarios.sweep.LocalEngine;
import org.rlgan.scenarios.sweep.Manifest;
import org.rlgan.scenarios.sweep.SweepEngine;
import org.rlgan.scenarios.sweep.SweepEngineProvider;
import org.rlgan.scenarios.sweep.SweepPlan;
import org.rlgan.scenarios.sweep.Trial;
import org.rlgan.scenarios.sweep.TrialResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench sweep FILE}: the trials of the file's {@code sweep:} block, each in its own run folder under
 * {@code <out>/<name>/sweep-<date-time>/}, with {@code manifest.json} beside them; {@code --resume DIR} runs what
 * is not finished.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run every trial of a scenario's sweep: block into <out>/<name>/sweep-<date-time>/.")
final class SweepCommand extends Workbench.Sub implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the scenario file with a sweep: block (YAML)")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "override a key of the base scenario by its dotted path (repeatable)")
  List<String> sets = new ArrayList<>();

  @Option(names = "--parallel", paramLabel = "N",
      description = "trials at once, each its own process (default: the number of cores, ${DEFAULT-VALUE})")
  int parallel = Runtime.getRuntime().availableProcessors();

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue this sweep folder: finished trials are kept, the others run (again)")
  Path resume;

  @Option(names = "--out", paramLabel = "DIR", description = "the output root instead of the scenario's 'out'")
  Path out;

  @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
      description = "where the trials run: local (processes on this machine, the default) or spark (Apache Spark; "
          + "needs the spark module on the class path, which ./workbench adds; docs/spark.md)")
  String engineName;

  @Option(names = "--master", paramLabel = "URL",
      description = "with --engine spark: local[N], spark://host:7077, yarn, k8s://...; default local[--parallel], "
          + "or the master spark-submit was given")
  String master;

  @Option(names = "--output-uri", paramLabel = "URI",
      description = "with --engine spark: put the trial folders on a Hadoop-compatible file system (hdfs://, s3a://, "
          + "file://) instead of the sweep folder; the manifest stays in the sweep folder")
  String outputUri;

  @Override
  public Integer call() throws Exception {
    if (parallel < 1) {
      throw new BadInputException(Loc.of("--parallel " + parallel), "", "give 1 or more trials at once");
    }
    SweepEngine engine = engine();
    ScenarioLoader.Loaded l = ScenarioLoader.load(file, sets);
    SweepPlan plan = l.sweep();
    if (plan == null) {
      throw new BadInputException(Loc.of(file.toString()), "", "no 'sweep:' block; add one (docs/scenarios.md, "
          + "\"Sweeps\") or run the scenario once with 'workbench run'");
    }
    Manifest manifest = resume != null ? resumed(plan) : fresh(l, plan);
    if (l.reference() != null) {
      // The published figures, resolved (a builtin table expanded), for 'workbench report' to print beside ours;
      // rewritten on --resume, since they change no trial (a corrected figure takes effect).
      l.reference().write(manifest.dir());
    }
    List<Trial> todo = manifest.unfinished();
    int total = manifest.entries().size();
    root.err.printf(Locale.ROOT, "sweep %s: %d configurations x %d seeds = %d trials, %d to run (%s)%n",
        plan.sweep(), plan.configs(), plan.seeds().size(), total, todo.size(), engine.describe());
    root.err.println("sweep folder: " + manifest.dir());
    AtomicInteger done = new AtomicInteger(total - todo.size());
    engine.run(todo, manifest.dir(), new SweepEngine.Listener() {
      @Override
      public void started(Trial t) {
        manifest.started(t);
        root.err.println("  start  " + t.id() + "  " + t.label());
      }

      @Override
      public void finished(Trial t, TrialResult r) {
        manifest.finished(t, r);
        root.err.printf(Locale.ROOT, "  [%d/%d] %s %s in %.1f s%s%n", done.incrementAndGet(), total, t.id(),
            r.state() == TrialResult.State.FINISHED ? "finished" : "FAILED", r.wallSeconds(),
            r.state() == TrialResult.State.FINISHED ? score(r.summary()) : ": " + r.error());
      }
    });
    long failed = manifest.count(TrialResult.State.FAILED);
    root.err.printf(Locale.ROOT, "sweep %s: %d finished, %d failed%s%n", plan.sweep(),
        manifest.count(TrialResult.State.FINISHED), failed, failed > 0 ? "; rerun them with --resume "
            + manifest.dir() : "; compare them with 'workbench report " + manifest.dir() + "'");
    root.out.println(manifest.dir());
    return failed > 0 ? Workbench.FAILED : Workbench.OK;
  }

  /**
   * The engine {@code --engine} names: the local one, or one a module on the class path provides
   * ({@link SweepEngineProvider}); a missing one is bad input with the way to get it.
   */
  private SweepEngine engine() {
    if ("local".equals(engineName)) {
      for (String[] o : new String[][] {{"--master", master}, {"--output-uri", outputUri}}) {
        if (o[1] != null) {
          throw new BadInputException(Loc.of(o[0] + " " + o[1]), "", o[0] + " is for --engine spark; the local "
              + "engine runs the trials on this machine into the sweep folder");
        }
      }
      return new LocalEngine(parallel, LocalEngine.currentJvm());
    }
    List<SweepEngineProvider> installed = SweepEngineProvider.installed();
    return installed.stream().filter(p -> p.name().equals(engineName)).findFirst()
        .map(p -> p.create(new SweepEngineProvider.Request(master, outputUri, parallel, root.err)))
        .orElseThrow(() -> new BadInputException(Loc.of("--engine " + engineName), "", "spark".equals(engineName)
            ? "the Spark engine is not on the class path: run through ./workbench, which builds the spark module "
                + "when the command line says --engine spark, or submit the shaded jar with spark-submit "
                + "(docs/spark.md)"
            : "unknown engine '" + engineName + "'" + Names.didYouMean(engineName, engineNames(installed))
                + "; one of " + engineNames(installed)));
  }

  private static List<String> engineNames(List<SweepEngineProvider> installed) {
    List<String> names = new ArrayList<>(List.of("local", "spark"));
    installed.stream().map(SweepEngineProvider::name).filter(n -> !names.contains(n)).forEach(names::add);
    return names;
  }

  private Manifest fresh(ScenarioLoader.Loaded l, SweepPlan plan) throws IOException {
    Path parent = (out != null ? out : Path.of(l.spec().out())).resolve(plan.sweep());
    Path dir = RunFolder.unique(parent, "sweep-" + RunFolder.stamp());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("scenario_file", file.toString());
    meta.put("overrides", sets);
    meta.putAll(BuildInfo.all(Workbench.home()));
    // The file as it was, beside the manifest, so the sweep can be read (and rerun) without the original.
    AtomicFiles.write(dir.resolve("sweep.yaml"), Files.readString(file, StandardCharsets.UTF_8));
    return Manifest.create(dir, plan, meta);
  }

  /** The manifest of {@code --resume DIR}, checked against the file: a changed sweep is a new sweep. */
  private Manifest resumed(SweepPlan plan) throws IOException {
    Loc where = Loc.of("--resume " + resume);
    if (!Manifest.isSweep(resume)) {
      throw new BadInputException(where, "", "no " + Manifest.FILE + " there; give a folder that 'workbench sweep' "
          + "printed");
    }
    Manifest m = Manifest.read(resume);
    Map<String, Trial> planned = new LinkedHashMap<>();
    plan.trials().forEach(t -> planned.put(t.id(), t));
    for (Manifest.Entry e : m.entries()) {
      Trial p = planned.remove(e.trial().id());
      if (p == null || !p.scenarioYaml().equals(e.trial().scenarioYaml())) {
        throw new BadInputException(where, "", "the sweep in " + file + " is not the one this folder ran (trial "
            + e.trial().id() + (p == null ? " is no longer in it" : " differs") + "); resume with the file as it was "
            + "(a copy is " + resume.resolve("sweep.yaml") + ") or start a new sweep");
      }
    }
    if (!planned.isEmpty()) {
      throw new BadInputException(where, "", "the sweep in " + file + " has trials this folder does not ("
          + planned.keySet().iterator().next() + ", ...); resume with the file as it was or start a new sweep");
    }
    return m;
  }

  private static String score(Map<String, Object> summary) {
    Object v = summary.get("final_eval_return_mean");
    return v instanceof Number n ? String.format(Locale.ROOT, ": final_eval_return_mean %.4g", n.doubleValue()) : "";
  }
}
