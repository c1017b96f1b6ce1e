package org.rlgan.scenarios.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.HasTransitionModel;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.mdp.solve.ValueIteration;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.tabular.Exploration;
import org.rlgan.mdp.tabular.TabularAgent;
import org.rlgan.mdp.tabular.TabularProgress;
import org.rlgan.mdp.tabular.TabularTrainer;
import org.rlgan.scenarios.spec.EvalConfig;
import org.rlgan.scenarios.spec.TabularSpec;
import org.rlgan.scenarios.spec.TrainConfig;

/**
 * Runs mdp-core's {@link TabularTrainer} for a tabular agent: metrics per logging interval (with ‖Q − Q*‖∞ when
 * the environment has a transition model), greedy evaluations on a separate environment, the final Q table in
 * checkpoints/.
 *
 * <p>Seeds: the training environment is reset with the scenario seed, the agent's generator is
 * {@code Rngs.seeded(seed + 1)}, evaluation episode i is reset with {@code seed + 1_000_000 + i} (the same
 * episodes at every evaluation, so evaluations are comparable). Resume: the tabular trainer keeps its state in
 * memory only, so {@code --resume} reruns a tabular run from step 0; being deterministic, it gives the same
 * numbers.
 */
public final class TabularRunner implements AgentRunner {

  static final String[] METRICS = {"step", "episodes", "mean_return", "q_error", "optimal_fraction", "epsilon"};
  static final String[] EVAL = {"step", "episodes", "return_mean", "return_std"};

  private final TabularSpec spec;

  public TabularRunner(TabularSpec spec) {
    this.spec = spec;
  }

  @Override
  public String[] metricColumns() {
    return METRICS.clone();
  }

  @Override
  public RlResult train(RlContext ctx) {
    Env<Integer, Integer> env = discrete(ctx.newEnv(), spec.type());
    Solution optimal = optimal(env, spec.discount());
    Outcome o = learn(spec, env, ctx::newEnv, optimal, ctx.scenario().seed(), ctx.scenario().train(),
        ctx.scenario().eval(), ctx.metrics(), ctx.eval(), ctx.progress(), ctx.label(), new Object[0]);
    saveQ(ctx.folder().checkpoints().resolve("q_table.csv"), o.agent, ((Discrete) env.observationSpace()).n());
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("q_error", o.last.qError());
    extra.put("optimal_fraction", o.last.optimalFraction());
    extra.put("q_star_available", optimal != null);
    return new RlResult(o.last.step(), o.last.episodes(), o.finalEval, o.bestEval, extra);
  }

  /** The result of {@link #learn}. */
  public record Outcome(TabularAgent agent, TabularProgress last, double finalEval, double bestEval) {}

  /** Checks that {@code env} has discrete observations and actions. */
  @SuppressWarnings("unchecked")
  public static Env<Integer, Integer> discrete(Env<?, ?> env, String agentType) {
    if (!(env.observationSpace() instanceof Discrete) || !(env.actionSpace() instanceof Discrete)) {
      throw new IllegalArgumentException(agentType + " is tabular and needs discrete observations and actions; "
          + env.spec().id() + " has observations " + env.observationSpace() + " and actions " + env.actionSpace()
          + "; use FrozenLake-v1, Taxi-v3, CliffWalking-v1 or a DQN agent");
    }
    return (Env<Integer, Integer>) env;
  }

  /** Q* of the environment's model at {@code discount}, or null when it has none or it cannot be solved. */
  public static Solution optimal(Env<?, ?> env, double discount) {
    if (!(env.unwrapped() instanceof HasTransitionModel h)) {
      return null;
    }
    try {
      return optimal(h.transitionModel(), discount);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static Solution optimal(FiniteMdp m, double discount) {
    try {
      return discount < 1 ? new PolicyIteration(PolicyIteration.Config.of(discount)).solve(m)
          : new ValueIteration(ValueIteration.Config.of(discount).withTolerance(1e-10)).solve(m);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Trains, logging every {@code train.logEvery()} steps and evaluating at the first log point at or after
   * every {@code eval.every()} steps and at the end.
   *
   * @param prefix values put before every metrics and eval row (the learner's name in an mdp run)
   */
  public static Outcome learn(TabularSpec spec, Env<Integer, Integer> env, Supplier<Env<?, ?>> evalEnvs,
      Solution optimal, long seed, TrainConfig train, EvalConfig eval, Csv metrics, Csv evalCsv, Progress progress,
      String label, Object[] prefix) {
    Discrete obs = (Discrete) env.observationSpace();
    Discrete act = (Discrete) env.actionSpace();
    TabularAgent agent = new TabularAgent(spec.config(), obs.n(), act.n(), Rngs.seeded(seed + 1));
    Env<Integer, Integer> evalEnv = discrete(evalEnvs.get(), spec.type());
    double[] best = {Double.NEGATIVE_INFINITY};
    double[] lastEval = {Double.NaN};
    long[] lastEvalStep = {-1};
    long[] nextEval = {eval.every() > 0 ? eval.every() : Long.MAX_VALUE};
    Runnable doEval = () -> {
      double[] r = evaluate(agent, evalEnv, eval.episodes(), seed + 1_000_000, eval.maxEpisodeSteps());
      double mean = mean(r);
      lastEval[0] = mean;
      best[0] = Math.max(best[0], mean);
      evalCsv.row(concat(prefix, agent.steps(), r.length, mean, std(r, mean)));
      evalCsv.flush();
      metrics.flush();
    };
    TabularTrainer trainer = new TabularTrainer(new TabularTrainer.Config(train.steps(),
        Math.min(train.logEvery(), train.steps()), seed, 1e-9));
    trainer.listener(p -> {
      metrics.row(concat(prefix, p.step(), p.episodes(), p.meanReturn(), p.qError(), p.optimalFraction(),
          epsilon(spec, p.step())));
      if (p.step() >= nextEval[0]) {
        doEval.run();
        lastEvalStep[0] = p.step();
        while (nextEval[0] <= p.step()) {
          nextEval[0] += eval.every();
        }
      }
      progress.step(label, p.step(), train.steps(), p.episodes(), p.meanReturn(),
          Double.isNaN(p.qError()) ? "" : String.format(Locale.ROOT, "‖Q−Q*‖∞ %.4g", p.qError()),
          p.step() == train.steps());
      return true;
    });
    TabularProgress last = trainer.train(env, agent, optimal);
    if (lastEvalStep[0] != last.step()) {
      doEval.run();
    }
    metrics.flush();
    return new Outcome(agent, last, lastEval[0], best[0]);
  }

  /** Greedy returns of {@code episodes} episodes, episode i reset with {@code seedBase + i}. */
  public static double[] evaluate(TabularAgent agent, Env<Integer, Integer> env, int episodes, long seedBase,
      long maxSteps) {
    Discrete obs = (Discrete) env.observationSpace();
    Discrete act = (Discrete) env.actionSpace();
    double[] out = new double[episodes];
    for (int i = 0; i < episodes; i++) {
      int s = obs.index(env.reset(seedBase + i).observation());
      double ret = 0;
      for (long t = 0; t < maxSteps; t++) {
        Step<Integer> step = env.step(agent.greedy(s) + act.start());
        ret += step.reward();
        if (step.done()) {
          break;
        }
        s = obs.index(step.observation());
      }
      out[i] = ret;
    }
    return out;
  }

  static void saveQ(Path file, TabularAgent agent, int states) {
    double[] q = agent.qTable();
    int actions = q.length / states;
    StringBuilder b = new StringBuilder("state");
    for (int a = 0; a < actions; a++) {
      b.append(",q").append(a);
    }
    b.append('\n');
    for (int s = 0; s < states; s++) {
      b.append(s);
      for (int a = 0; a < actions; a++) {
        b.append(',').append(q[s * actions + a]);
      }
      b.append('\n');
    }
    AtomicFiles.write(file, b.toString());
  }

  private static double epsilon(TabularSpec spec, long step) {
    return spec.config().exploration() instanceof Exploration.EpsilonGreedy e ? e.epsilon().value(step) : Double.NaN;
  }

  static Object[] concat(Object[] prefix, Object... rest) {
    List<Object> out = new ArrayList<>(List.of(prefix));
    out.addAll(List.of(rest));
    return out.toArray();
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  static double std(double[] x, double mean) {
    if (x.length < 2) {
      return 0;
    }
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
