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
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.BuildInfo;
import org.rlgan.scenarios.run.RunFolder;
import org.rlgan.scenarios.sweep.LocalEngine;
import org.rlgan.scenarios.sweep.Manifest;
import org.rlgan.scenarios.sweep.SweepEngine;
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

  @Override
  public Integer call() throws Exception {
    if (parallel < 1) {
      throw new BadInputException(Loc.of("--parallel " + parallel), "", "give 1 or more trials at once");
    }
    ScenarioLoader.Loaded l = ScenarioLoader.load(file, sets);
    SweepPlan plan = l.sweep();
    if (plan == null) {
      throw new BadInputException(Loc.of(file.toString()), "", "no 'sweep:' block; add one (docs/scenarios.md, "
          + "\"Sweeps\") or run the scenario once with 'workbench run'");
    }
    Manifest manifest = resume != null ? resumed(plan) : fresh(l, plan);
    List<Trial> todo = manifest.unfinished();
    SweepEngine engine = new LocalEngine(parallel, LocalEngine.currentJvm());
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
