package org.rlgan.scenarios.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.run.RunListener;
import org.rlgan.agents.run.Trainer;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.MultiBinary;
import org.rlgan.scenarios.spec.DqnSpec;
import org.rlgan.scenarios.spec.RlScenario;

/**
 * Runs the agents module's {@link Trainer} for a {@code type: dqn} block. The trainer's own files (its exact
 * {@code metrics.jsonl}, {@code timing.jsonl}, {@code checkpoint/}, {@code best/}, {@code final/}) live in the run
 * folder's {@code checkpoints/}; metrics.csv and eval.csv are derived from {@code metrics.jsonl} at the end, so a
 * resumed run's tables hold the whole history, identical to an uninterrupted run's.
 *
 * <p>Seeds: the scenario seed drives the agent and the training environments' episode seeds; evaluations use
 * {@code seed + 1_000_003}. Step intervals are rounded up to multiples of {@code num_envs}.
 */
public final class DqnRunner implements AgentRunner {

  static final String[] METRICS = {"step", "episodes", "mean_return", "loss", "mean_q", "td_error", "epsilon",
      "updates"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DqnSpec spec;

  public DqnRunner(DqnSpec spec) {
    this.spec = spec;
  }

  @Override
  public String[] metricColumns() {
    return METRICS.clone();
  }

  @Override
  public RlResult train(RlContext ctx) throws IOException {
    RlScenario s = ctx.scenario();
    DqnConfig config = spec.config();
    int n = spec.numEnvs();
    RunConfig run = new RunConfig(s.train().steps(), s.seed(), n, roundUp(s.eval().every(), n), s.eval().episodes(),
        s.seed() + 1_000_003L, roundUp(s.train().logEvery(), n), roundUp(spec.checkpointEvery(), n));
    DqnAgent agent = newAgent(ctx.newEnv(), n, s.seed());
    Path out = ctx.folder().checkpoints();
    Trainer trainer = new Trainer(run, ctx::newEnv, agent, out, config);
    if (ctx.resumeFrom() != null) {
      Path checkpoint = new RunFolder(ctx.resumeFrom()).checkpoints().resolve("checkpoint");
      if (Files.isDirectory(checkpoint)) {
        trainer.resumeFrom(checkpoint);
        ctx.progress().line("resuming from " + checkpoint);
      } else {
        ctx.progress().line("no checkpoint in " + ctx.resumeFrom() + "; starting from step 0");
      }
    }
    double[] lastReturn = {Double.NaN};
    // The trainer learns its resumed step inside train(): the first report after a resume sets the rate's origin.
    boolean[] resumed = {ctx.resumeFrom() != null};
    trainer.listener(m -> {
      if (resumed[0]) {
        ctx.progress().resumedAt(m.step());
        resumed[0] = false;
      }
      for (Map<String, Object> r : m.records()) {
        if ("train".equals(r.get("event"))) {
          Object ret = r.get("ep_return_mean");
          if (ret instanceof Double d && !d.isNaN()) {
            lastReturn[0] = d;
          }
          ctx.progress().step(ctx.label(), m.step(), run.totalSteps(), m.episodes(), lastReturn[0],
              String.format(Locale.ROOT, "ε %.3f  updates %,d", m.epsilon(), m.updates()), false);
        } else if ("eval".equals(r.get("event"))) {
          ctx.progress().line(String.format(Locale.ROOT, "[%s] eval at step %,d: mean return %.2f", ctx.label(),
              m.step(), ((Number) r.get("mean_return")).doubleValue()));
        }
      }
      return true;
    });
    if (ctx.live() != null) {
      // the live view plays the greedy policy of a copy of the network made at each evaluation (and at the start);
      // the copy is the learner's only extra work, and it draws from its own generator, not the agent's
      ctx.live().publish(snapshot(agent, 0));
      trainer.listener(m -> {
        for (Map<String, Object> r : m.records()) {
          if ("eval".equals(r.get("event"))) {
            ctx.live().publish(snapshot(agent, m.step()));
          }
        }
        return true;
      });
    }
    if (spec.stopAtEvalReturn() != null) {
      trainer.listener(RunListener.stopAtEvalReturn(spec.stopAtEvalReturn()));
    }
    Trainer.Result r = trainer.train();
    ctx.progress().step(ctx.label(), r.steps(), run.totalSteps(), r.episodes(), lastReturn[0], "", true);
    Csv episodes = new Csv(ctx.folder().file("episodes.csv"), EPISODE_COLUMNS);
    tables(out.resolve("metrics.jsonl"), ctx.metrics(), ctx.eval(), episodes);
    episodes.flush();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("updates", r.updates());
    extra.put("stopped_at_eval_return", r.stoppedByListener());
    extra.put("trainer_files", ctx.folder().dir().relativize(out).toString());
    return new RlResult(r.steps(), r.episodes(), r.lastEvalMeanReturn(), r.bestEvalMeanReturn(), extra);
  }

  /**
   * A fresh agent for this block on {@code probe}'s spaces (closed here): the network's input shape from the
   * observation space (Box flattened to one row unless the network has convolutions, MultiBinary as it is), the
   * action count from the Discrete action space. The run and {@code workbench play} build their agents here.
   */
  public DqnAgent newAgent(Env<?, ?> probe, int numEnvs, long seed) {
    try (probe) {
      if (!(probe.actionSpace() instanceof Discrete actions)) {
        throw new IllegalArgumentException("dqn needs a Discrete action space; " + probe.spec().id() + " has "
            + probe.actionSpace() + " (Pendulum-v1 and MountainCarContinuous-v0 need discretised actions)");
      }
      int[] shape;
      if (probe.observationSpace() instanceof Box b) {
        shape = b.shape().length == 1 ? b.shape() : new int[] {b.size()};
      } else if (probe.observationSpace() instanceof MultiBinary m) {
        shape = m.shape();
      } else {
        throw new IllegalArgumentException("dqn needs Box or MultiBinary observations; " + probe.spec().id()
            + " has " + probe.observationSpace() + " (discrete states: use a tabular agent, e.g. q_learning)");
      }
      if (shape.length == 3 && spec.network().conv().isEmpty()) {
        shape = new int[] {shape[0] * shape[1] * shape[2]};
      }
      return new DqnAgent(spec.config(), shape, actions.n(), numEnvs, seed);
    }
  }

  private static org.rlgan.render.play.Policy snapshot(DqnAgent agent, long step) {
    org.rlgan.agents.dqn.QNetwork copy = agent.online().copy(org.rlgan.mdp.Rngs.seeded(0));
    copy.clearNoise();
    return Playback.qPolicy(copy, "dqn at step " + step);
  }

  /** The columns of episodes.csv: one row per finished training episode. */
  static final String[] EPISODE_COLUMNS = {"step", "env", "return", "length", "terminated"};

  /**
   * metrics.csv rows from the "train" records, eval.csv rows from the "eval" records, episodes.csv rows from the
   * "episode" records.
   */
  static void tables(Path jsonl, Csv metrics, Csv eval, Csv episodes) throws IOException {
    for (String line : Files.readAllLines(jsonl)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode r = JSON.readTree(line);
      String event = r.path("event").asText();
      if (event.equals("train")) {
        metrics.row(r.get("step").asLong(), r.get("episodes").asLong(), num(r, "ep_return_mean"), num(r, "loss"),
            num(r, "mean_q"), num(r, "td_error"), num(r, "epsilon"), r.get("updates").asLong());
      } else if (event.equals("episode")) {
        episodes.row(r.get("step").asLong(), r.get("env").asInt(), num(r, "return"), r.get("length").asLong(),
            r.get("terminated").asBoolean());
      } else if (event.equals("eval")) {
        JsonNode returns = r.get("returns");
        eval.row(r.get("step").asLong(), returns == null ? 0 : returns.size(), num(r, "mean_return"),
            num(r, "std_return"));
      }
    }
  }

  private static double num(JsonNode r, String key) {
    JsonNode v = r.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static long roundUp(long v, int n) {
    return (v + n - 1) / n * n;
  }
}
