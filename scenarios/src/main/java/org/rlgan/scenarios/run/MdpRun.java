package org.rlgan.scenarios.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlgan.mdp.solve.NotConvergedException;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.scenarios.plot.Plots;
import org.rlgan.scenarios.spec.AgentSpec;
import org.rlgan.scenarios.spec.MdpScenario;
import org.rlgan.scenarios.spec.ModelSpec;
import org.rlgan.scenarios.spec.SolverSpec;
import org.rlgan.scenarios.spec.TabularSpec;

/**
 * {@code kind: mdp}: every solver on the model (values/&lt;i&gt;-&lt;type&gt;.csv each, compared with the first
 * solver), then the tabular learners on the same model with ‖Q − Q*‖∞ as they learn.
 */
final class MdpRun {

  private MdpRun() {}

  static boolean run(MdpScenario s, RunFolder folder, Progress progress) {
    long t0 = System.nanoTime();
    ModelSpec.Model model = s.model().build();
    progress.line(String.format("model %s: %d states, %d actions", model.label(), model.mdp().states(),
        model.mdp().actions()));
    boolean ok = true;
    List<Map<String, Object>> solvers = new ArrayList<>();
    Map<String, double[][]> valueCurves = new LinkedHashMap<>();
    SolverSpec.Result first = null;
    for (int i = 0; i < s.solvers().size(); i++) {
      SolverSpec spec = s.solvers().get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", spec.type());
      long t = System.nanoTime();
      try {
        SolverSpec.Result r = spec.solve(model.mdp());
        double secs = (System.nanoTime() - t) / 1e9;
        String file = String.format("values/%d-%s.csv", i, spec.type());
        writeValues(folder, file, r);
        row.put("solver", r.solver());
        row.put("status", "converged");
        row.put("iterations", r.iterations());
        row.put("residual", r.residual());
        row.put("bound", r.bound());
        if (!Double.isNaN(r.gain())) {
          row.put("gain", r.gain());
        }
        row.put("seconds", secs);
        row.put("values_file", file);
        if (first == null) {
          first = r;
        } else {
          row.put("max_value_difference_to_first", maxDiff(r.values(), first.values()));
          row.put("policy_agrees_with_first", java.util.Arrays.equals(r.policy(), first.policy()));
        }
        double[] xs = new double[r.values().length];
        for (int k = 0; k < xs.length; k++) {
          xs[k] = k;
        }
        valueCurves.put(i + " " + spec.type(), new double[][] {xs, r.values()});
        if (model.rows() > 0) {
          Plots.heatmap(folder.plots().resolve(String.format("values-%d-%s.png", i, spec.type())),
              "V: " + spec.type(), model.rows(), model.cols(), r.values());
          double[] pol = new double[r.policy().length];
          for (int k = 0; k < pol.length; k++) {
            pol[k] = r.policy()[k];
          }
          Plots.heatmap(folder.plots().resolve(String.format("policy-%d-%s.png", i, spec.type())),
              "greedy action: " + spec.type(), model.rows(), model.cols(), pol);
        }
        progress.line(String.format("solver %d %s: %d iterations, residual %.3g, %.3fs", i, spec.type(),
            r.iterations(), r.residual(), secs));
      } catch (NotConvergedException e) {
        ok = false;
        row.put("status", "not_converged");
        row.put("error", e.getMessage());
        row.put("iterations", e.iterations());
        row.put("residual", e.lastResidual());
        progress.line("solver " + i + " " + spec.type() + " did not converge: " + e.getMessage());
      }
      solvers.add(row);
    }
    if (!valueCurves.isEmpty() && model.mdp().states() <= 100_000) {
      Plots.lines(folder.plots().resolve("values.png"), "V by solver", "state", "V(s)", valueCurves, false);
    }
    List<Map<String, Object>> learners = new ArrayList<>();
    long envSteps = 0;
    Csv metrics = new Csv(folder.file("metrics.csv"), "learner", "step", "episodes", "mean_return", "q_error",
        "optimal_fraction", "epsilon");
    Csv eval = new Csv(folder.file("eval.csv"), "learner", "step", "episodes", "return_mean", "return_std");
    Map<String, double[][]> qCurves = new LinkedHashMap<>();
    for (int i = 0; i < s.learners().size(); i++) {
      AgentSpec a = s.learners().get(i);
      TabularSpec t = (TabularSpec) a;
      String name = i + "-" + a.type();
      Solution optimal = TabularRunner.optimal(model.mdp(), t.discount());
      var env = TabularRunner.discrete(model.env().get(), a.type());
      TabularRunner.Outcome o = TabularRunner.learn(t, env, model.env(), optimal, s.seed(), s.train(),
          new org.rlgan.scenarios.spec.EvalConfig(0, 10, 1000), metrics, eval, progress, s.name() + " " + name,
          new Object[] {name});
      TabularRunner.saveQ(folder.checkpoints().resolve("q_table-" + name + ".csv"), o.agent(), model.mdp().states());
      envSteps += o.last().step();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", name);
      row.put("type", a.type());
      row.put("discount", t.discount());
      row.put("steps", o.last().step());
      row.put("episodes", o.last().episodes());
      row.put("q_error", o.last().qError());
      row.put("optimal_fraction", o.last().optimalFraction());
      row.put("final_eval_return_mean", o.finalEval());
      learners.add(row);
      Csv mine = metrics.where("learner", name);
      qCurves.put(name, new double[][] {mine.column("step"), mine.column("q_error")});
    }
    metrics.flush();
    eval.flush();
    if (!qCurves.isEmpty()) {
      Plots.lines(folder.plots().resolve("q_error.png"), "‖Q − Q*‖∞ (visited states)", "environment steps",
          "‖Q − Q*‖∞", qCurves, false);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("scenario", s.name());
    summary.put("kind", s.kind());
    summary.put("seed", s.seed());
    summary.put("status", ok ? "complete" : "failed");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", s.model().type());
    m.put("states", model.mdp().states());
    m.put("actions", model.mdp().actions());
    summary.put("model", m);
    summary.put("env_steps", envSteps);
    summary.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    summary.put("solvers", solvers);
    summary.put("learners", learners);
    AtomicFiles.write(folder.file("summary.json"), Json.write(summary));
    return ok;
  }

  private static void writeValues(RunFolder folder, String file, SolverSpec.Result r) {
    StringBuilder b = new StringBuilder("state,value,policy\n");
    for (int k = 0; k < r.values().length; k++) {
      b.append(k).append(',').append(r.values()[k]).append(',').append(r.policy()[k]).append('\n');
    }
    AtomicFiles.write(folder.file(file), b.toString());
  }

  private static double maxDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
