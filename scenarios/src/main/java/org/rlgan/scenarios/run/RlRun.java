package org.rlgan.scenarios.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rlgan.scenarios.plot.Plots;
import org.rlgan.scenarios.spec.RlScenario;

/** {@code kind: rl}: the agent's runner trains; this writes the summary and the plots around it. */
final class RlRun {

  private RlRun() {}

  /** Trains, with a live view of evaluation episodes when {@code render} is not null. */
  static boolean run(RlScenario s, RunFolder folder, Progress progress, Path resume, LiveRender.Settings render,
      java.io.PrintStream err) throws Exception {
    long t0 = System.nanoTime();
    AgentRunner runner = s.agent().runner();
    Csv metrics = new Csv(folder.file("metrics.csv"), runner.metricColumns());
    Csv eval = new Csv(folder.file("eval.csv"), TabularRunner.EVAL);
    RlResult r;
    RlContext plain = new RlContext(s, folder, metrics, eval, progress, resume);
    if (render == null) {
      r = runner.train(plain);
    } else {
      // the renderer's own environment, a random policy until the first snapshot, the exact overlay on grids and
      // the snapshot's learned values where the observations are one-hot states
      java.util.List<org.rlgan.render.scene.GridOverlay> exact = new java.util.ArrayList<>();
      Playback.exact(plain.newEnv(), 0.99).ifPresent(exact::add);
      try (LiveRender live = LiveRender.start(plain::newEnv, LiveRender.untrained(plain.newEnv(), s.seed()),
          p -> {
            java.util.List<org.rlgan.render.scene.GridOverlay> all = new java.util.ArrayList<>(exact);
            Playback.learned(plain.newEnv(), p).ifPresent(all::add);
            return all;
          }, render, s.seed() + 2_000_003L, "rlgan run: " + s.name() + " (evaluation episodes)", err)) {
        r = runner.train(new RlContext(s, folder, metrics, eval, progress, resume, live));
      }
    }
    metrics.flush();
    eval.flush();
    plots(s, folder, metrics, eval);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("scenario", s.name());
    summary.put("kind", s.kind());
    summary.put("agent", s.agent().type());
    summary.put("env", s.env().id());
    summary.put("seed", s.seed());
    summary.put("status", "complete");
    summary.put("env_steps", r.envSteps());
    summary.put("episodes", r.episodes());
    summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    summary.put("final_eval_return_mean", r.finalEvalReturnMean());
    summary.put("best_eval_return_mean", r.bestEvalReturnMean());
    summary.putAll(r.extra());
    AtomicFiles.write(folder.file("summary.json"), Json.write(summary));
    return true;
  }

  /** The learning curve from mean_return and eval.csv, then one plot per other numeric metric. */
  static void plots(RlScenario s, RunFolder folder, Csv metrics, Csv eval) {
    if (metrics.size() == 0) {
      return;
    }
    double[] step = metrics.column("step");
    if (metrics.columns().contains("mean_return")) {
      Plots.learningCurve(folder.plots().resolve("learning_curve.png"), s.name() + ": " + s.agent().type() + " on "
          + s.env().id(), step, metrics.column("mean_return"), eval.column("step"), eval.column("return_mean"),
          eval.column("return_std"));
    }
    for (String c : metrics.columns()) {
      if (c.equals("step") || c.equals("episodes") || c.equals("mean_return")) {
        continue;
      }
      String title = c.equals("q_error") ? "‖Q − Q*‖∞ (visited states)" : c.replace('_', ' ');
      Plots.lines(folder.plots().resolve(c + ".png"), title, "environment steps", title,
          Map.of(c, new double[][] {step, metrics.column(c)}), false);
    }
  }
}
