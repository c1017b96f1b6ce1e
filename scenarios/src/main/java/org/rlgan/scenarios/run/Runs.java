package org.rlgan.scenarios.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.spec.GanScenario;
import org.rlgan.scenarios.spec.MdpScenario;
import org.rlgan.scenarios.spec.RlScenario;

/** Runs a loaded scenario into its run folder. */
public final class Runs {

  private Runs() {}

  /**
   * @return the run folder and whether the run completed
   */
  public record Outcome(RunFolder folder, boolean ok) {}

  public static Outcome run(ScenarioLoader.Loaded loaded, RunOptions opts) throws Exception {
    var spec = loaded.spec();
    RunFolder folder;
    if (opts.resume() != null) {
      folder = new RunFolder(opts.resume());
      if (isComplete(folder)) {
        opts.err().println("run " + folder.dir() + " is already complete; nothing to do");
        return new Outcome(folder, true);
      }
      Files.createDirectories(folder.checkpoints());
      Files.createDirectories(folder.plots());
    } else {
      folder = RunFolder.create(Path.of(spec.out()), spec.name(), spec.seed());
    }
    Map<String, Object> meta = new LinkedHashMap<>(BuildInfo.all(opts.cwd()));
    meta.put("scenario_file", loaded.file().toString());
    meta.put("seed", spec.seed());
    meta.put("started", Instant.now().toString());
    StringBuilder header = new StringBuilder("# The fully resolved scenario of this run; re-run it with\n")
        .append("#   ./workbench run ").append(folder.file("scenario.yaml")).append('\n');
    meta.forEach((k, v) -> header.append("# ").append(k).append(": ").append(v).append('\n'));
    AtomicFiles.write(folder.file("scenario.yaml"), header + loaded.resolvedYaml());
    AtomicFiles.write(folder.file("run.json"), Json.write(meta));
    Progress progress = new Progress(opts.err(), folder.log(), opts.terminal());
    progress.line("run folder: " + folder.dir());
    boolean ok;
    if (spec instanceof RlScenario rl) {
      ok = RlRun.run(rl, folder, progress, opts.resume(), opts.render(), opts.err());
    } else if (spec instanceof MdpScenario mdp) {
      ok = MdpRun.run(mdp, folder, progress);
    } else if (spec instanceof GanScenario gan) {
      ok = GanRun.run(gan, folder, progress, opts.resume(), opts.render(), opts.err());
    } else {
      throw new IllegalStateException("no runner for kind " + spec.kind());
    }
    progress.done();
    progress.line((ok ? "done: " : "finished with failures: ") + folder.file("summary.json"));
    return new Outcome(folder, ok);
  }

  static boolean isComplete(RunFolder f) {
    Path s = f.file("summary.json");
    if (!Files.exists(s)) {
      return false;
    }
    try {
      JsonNode n = Json.mapper().readTree(s.toFile());
      return "complete".equals(n.path("status").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
