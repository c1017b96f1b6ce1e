package org.rlgan.agents.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.rlgan.agents.Agent;
import org.rlgan.agents.RunConfig;
import org.rlgan.envs.vector.Batcher;
import org.rlgan.envs.wrappers.StatefulWrapper;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;

/**
 * The run loop shared by every agent: collection from {@code numEnvs} synchronous sub-environments, training
 * through {@link Agent#afterStep}, greedy evaluation on separate environments, metrics, listeners, a best-model
 * checkpoint and exact resume.
 *
 * <p><b>Episode seeds.</b> Sub-environment i starts its e-th episode with
 * {@code reset(Rngs.derive(Rngs.derive(seed, 1000 + i), e))}. Environments do not expose their generator's state,
 * but they are deterministic given the reset seed and the actions; so a checkpoint stores each sub-environment's
 * episode seed and the actions of its current episode, and a resume resets with that seed and replays the actions
 * (feeding the agent with {@code replaying = true}). This is why the loop manages its sub-environments itself
 * rather than through {@code VectorEnv}, whose autoreset continues each generator unseeded. Wrappers whose state
 * outlives an episode ({@link StatefulWrapper}: NormalizeObservation, NormalizeReward) have that state saved as it
 * was before the current episode's reset, restored before the replay, and so come out of the replay exactly as
 * they were.
 *
 * <p><b>Evaluation</b> plays fresh environments made by the same factory; stateful wrappers there get sub-environment
 * 0's current state, frozen ({@code setUpdating(false)}), at every evaluation, so a normalised observation means
 * the same to the greedy policy as in training.
 *
 * <p><b>Files</b> in the output directory (when one is given):
 * <ul>
 *   <li>{@code config.json}: the run configuration and the agent's description;
 *   <li>{@code metrics.jsonl}: one record per finished episode, per {@code logEvery} steps ("train": means over the
 *       interval) and per evaluation, with no wall-clock field, so the same seed gives a byte-identical file;
 *   <li>{@code timing.jsonl}: wall-clock time and throughput at each "train" record;
 *   <li>{@code best/}: the greedy network of the best evaluation so far; {@code final/}: at the end;
 *   <li>{@code checkpoint/}: everything needed to continue exactly (agent state, counters, episode seeds and
 *       actions, the metrics files' lengths), replaced atomically every {@code checkpointEvery} steps.
 * </ul>
 */
public final class Trainer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a run ends with. */
  public record Result(long steps, long episodes, long updates, double lastEvalMeanReturn, double bestEvalMeanReturn,
      boolean stoppedByListener, double wallSeconds) {}

  private final RunConfig run;
  private final Supplier<? extends Env<?, ?>> envFactory;
  private final Agent agent;
  private final Path out;
  private final Object description;
  private final List<RunListener> listeners = new ArrayList<>();

  // --- state (everything below is checkpointed or rebuilt by replay) ---
  private final List<Env<Object, Integer>> envs = new ArrayList<>();
  private Batcher<Object> batcher;
  private int width;
  private float[] obs; // [numEnvs, width]
  private long step;
  private long vectorSteps;
  private long episodes;
  private long updates;
  private long[] episodeIndex;
  private long[] episodeSeed;
  private List<List<Integer>> episodeActions;
  private List<List<Map<String, double[]>>> wrapperStates; // per sub-env, as before its current episode's reset
  private double[] episodeReturn;
  private long[] episodeLength;
  private Agent.TrainStats interval = Agent.TrainStats.NONE;
  private double intervalReturnSum;
  private long intervalEpisodes;
  private double intervalLengthSum;
  private double lastEval = Double.NaN;
  private double bestEval = Double.NEGATIVE_INFINITY;
  private double elapsedBefore; // wall seconds of the run before a resume
  private Path resumeFrom;

  /**
   * @param envFactory makes one training or evaluation environment per call (same id and options each time)
   * @param out the output directory (created), or null for no files
   * @param description what to record beside the run configuration in {@code config.json} (e.g. the agent's
   *     configuration record); may be null
   */
  public Trainer(RunConfig run, Supplier<? extends Env<?, ?>> envFactory, Agent agent, Path out,
      Object description) {
    this.run = run;
    this.envFactory = envFactory;
    this.agent = agent;
    this.out = out;
    this.description = description;
  }

  public Trainer listener(RunListener l) {
    listeners.add(l);
    return this;
  }

  /** Continue from a checkpoint directory written by an earlier run of the same configuration. */
  public Trainer resumeFrom(Path checkpoint) {
    this.resumeFrom = checkpoint;
    return this;
  }

  @SuppressWarnings("unchecked")
  private Env<Object, Integer> make() {
    return (Env<Object, Integer>) envFactory.get();
  }

  private long episodeSeedFor(int env, long episode) {
    return Rngs.derive(Rngs.derive(run.seed(), 1000 + env), episode);
  }

  /** Runs until {@code totalSteps} or a listener says stop. A trainer runs once; make a new one to continue. */
  public Result train() throws IOException {
    if (!envs.isEmpty()) {
      throw new IllegalStateException("this Trainer has already run; make a new Trainer (with resumeFrom to continue "
          + "from a checkpoint)");
    }
    long t0 = System.nanoTime();
    int n = run.numEnvs();
    for (int i = 0; i < n; i++) {
      envs.add(make());
    }
    batcher = Batcher.of(envs.get(0).observationSpace());
    width = batcher.width();
    obs = new float[n * width];
    episodeIndex = new long[n];
    episodeSeed = new long[n];
    episodeActions = new ArrayList<>();
    wrapperStates = new ArrayList<>();
    episodeReturn = new double[n];
    episodeLength = new long[n];
    for (int i = 0; i < n; i++) {
      episodeActions.add(new ArrayList<>());
      wrapperStates.add(List.of());
    }
    if (out != null) {
      Files.createDirectories(out);
    }
    if (resumeFrom != null) {
      restore(resumeFrom);
    } else {
      for (int i = 0; i < n; i++) {
        startEpisode(i);
      }
      if (out != null) {
        writeConfig();
        Files.write(out.resolve("metrics.jsonl"), new byte[0]);
        Files.write(out.resolve("timing.jsonl"), new byte[0]);
      }
    }
    List<Env<Object, Integer>> evalEnvs = new ArrayList<>();
    int[] actions = new int[n];
    double[] row = new double[width];
    boolean stopped = false;
    try (OutputStream metricsOut = out == null ? OutputStream.nullOutputStream()
            : Files.newOutputStream(out.resolve("metrics.jsonl"), StandardOpenOption.APPEND);
        OutputStream timingOut = out == null ? OutputStream.nullOutputStream()
            : Files.newOutputStream(out.resolve("timing.jsonl"), StandardOpenOption.APPEND)) {
      while (step < run.totalSteps() && !stopped) {
        List<Map<String, Object>> records = new ArrayList<>(0);
        double eps = agent.epsilon(step);

        // 1. Act with the behaviour policy on every sub-environment's current observation.
        agent.act(obs, n, step, actions);

        // 2. Step each sub-environment; hand the transition to the agent; reset ended episodes with a derived seed.
        for (int i = 0; i < n; i++) {
          Step<Object> s = envs.get(i).step(actions[i]);
          float[] before = java.util.Arrays.copyOfRange(obs, i * width, (i + 1) * width);
          float[] after = toFloat(s.observation(), row);
          episodeActions.get(i).add(actions[i]);
          episodeReturn[i] += s.reward();
          episodeLength[i]++;
          agent.observe(i, before, actions[i], s.reward(), after, s.terminated(), s.truncated(), false);
          if (s.done()) {
            records.add(record("episode", "step", step + i + 1, "env", i, "return", episodeReturn[i],
                "length", episodeLength[i],
                "terminated", s.terminated()));
            episodes++;
            intervalEpisodes++;
            intervalReturnSum += episodeReturn[i];
            intervalLengthSum += episodeLength[i];
            episodeIndex[i]++;
            startEpisode(i);
          } else {
            System.arraycopy(after, 0, obs, i * width, width);
          }
        }
        step += n;
        vectorSteps++;

        // 3. Learn: target updates and gradient steps, as the agent's schedule says.
        Agent.TrainStats ts = agent.afterStep(step, vectorSteps);
        updates += ts.updates();
        interval = interval.plus(ts);

        // 4. Log the interval's means; evaluate; checkpoint.
        if (step % run.logEvery() == 0) {
          records.add(trainRecord(eps));
          double wall = elapsedBefore + (System.nanoTime() - t0) / 1e9;
          timingOut.write(Jsonl.line(record("timing", "step", step, "updates", updates, "wall_s", wall,
              "steps_per_s", step / wall, "updates_per_s", updates / wall)).getBytes(StandardCharsets.UTF_8));
          interval = Agent.TrainStats.NONE;
          intervalEpisodes = 0;
          intervalReturnSum = 0;
          intervalLengthSum = 0;
        }
        if (run.evalEvery() > 0 && step % run.evalEvery() == 0) {
          Map<String, Object> ev = evaluate(evalEnvs);
          records.add(ev);
          lastEval = (Double) ev.get("mean_return");
          if (lastEval > bestEval) {
            bestEval = lastEval;
            if (out != null) {
              Path best = out.resolve("best");
              Files.createDirectories(best);
              agent.saveModel(best);
            }
          }
        }
        for (Map<String, Object> r : records) {
          metricsOut.write(Jsonl.line(r).getBytes(StandardCharsets.UTF_8));
        }
        if (out != null && run.checkpointEvery() > 0 && step % run.checkpointEvery() == 0) {
          metricsOut.flush();
          timingOut.flush();
          checkpoint(elapsedBefore + (System.nanoTime() - t0) / 1e9);
        }
        Metrics m = new Metrics(step, vectorSteps, episodes, updates, eps, records);
        for (RunListener l : listeners) {
          if (!l.onStep(m)) {
            stopped = true;
          }
        }
      }
    } finally {
      for (Env<Object, Integer> e : envs) {
        e.close();
      }
      for (Env<Object, Integer> e : evalEnvs) {
        e.close();
      }
    }
    if (out != null) {
      Path fin = out.resolve("final");
      Files.createDirectories(fin);
      agent.saveModel(fin);
    }
    return new Result(step, episodes, updates, lastEval, bestEval, stopped,
        elapsedBefore + (System.nanoTime() - t0) / 1e9);
  }

  private void startEpisode(int i) {
    episodeSeed[i] = episodeSeedFor(i, episodeIndex[i]);
    wrapperStates.set(i, StatefulWrapper.saveChain(envs.get(i)));
    Reset<Object> r = envs.get(i).reset(OptionalLong.of(episodeSeed[i]), Map.of());
    float[] o = toFloat(r.observation(), new double[width]);
    System.arraycopy(o, 0, obs, i * width, width);
    episodeActions.get(i).clear();
    episodeReturn[i] = 0;
    episodeLength[i] = 0;
  }

  private float[] toFloat(Object observation, double[] row) {
    batcher.write(observation, row, 0);
    float[] f = new float[width];
    for (int k = 0; k < width; k++) {
      f[k] = (float) row[k];
    }
    return f;
  }

  private Map<String, Object> trainRecord(double eps) {
    Agent.TrainStats t = interval;
    int u = t.updates();
    return record("train", "step", step, "updates", updates, "episodes", episodes, "epsilon", eps,
        "loss", u == 0 ? Double.NaN : t.lossSum() / u, "mean_q", u == 0 ? Double.NaN : t.meanQSum() / u,
        "td_error", u == 0 ? Double.NaN : t.absTdSum() / u,
        "ep_return_mean", intervalEpisodes == 0 ? Double.NaN : intervalReturnSum / intervalEpisodes,
        "ep_length_mean", intervalEpisodes == 0 ? Double.NaN : intervalLengthSum / intervalEpisodes);
  }

  /**
   * The greedy policy on {@code evalEpisodes} environments in lockstep; episode j is reset with
   * {@code Rngs.derive(evalSeed, j)} at every evaluation.
   */
  private Map<String, Object> evaluate(List<Env<Object, Integer>> evalEnvs) {
    int k = run.evalEpisodes();
    while (evalEnvs.size() < k) {
      evalEnvs.add(make());
    }
    float[] rows = new float[k * width];
    boolean[] active = new boolean[k];
    double[] returns = new double[k];
    long[] lengths = new long[k];
    double[] row = new double[width];
    List<Map<String, double[]>> trainingState = StatefulWrapper.saveChain(envs.get(0));
    for (int j = 0; j < k; j++) {
      if (!trainingState.isEmpty()) {
        StatefulWrapper.loadChain(evalEnvs.get(j), trainingState);
        StatefulWrapper.setUpdatingChain(evalEnvs.get(j), false);
      }
      Reset<Object> r = evalEnvs.get(j).reset(OptionalLong.of(Rngs.derive(run.evalSeed(), j)), Map.of());
      System.arraycopy(toFloat(r.observation(), row), 0, rows, j * width, width);
      active[j] = true;
    }
    int[] act = new int[k];
    int live = k;
    while (live > 0) {
      agent.greedy(rows, k, act); // finished rows are computed too: one batched forward pass
      for (int j = 0; j < k; j++) {
        if (!active[j]) {
          continue;
        }
        Step<Object> s = evalEnvs.get(j).step(act[j]);
        returns[j] += s.reward();
        lengths[j]++;
        System.arraycopy(toFloat(s.observation(), row), 0, rows, j * width, width);
        if (s.done()) {
          active[j] = false;
          live--;
        }
      }
    }
    double sum = 0;
    double sumLen = 0;
    for (int j = 0; j < k; j++) {
      sum += returns[j];
      sumLen += lengths[j];
    }
    double mean = sum / k;
    double meanLen = sumLen / k;
    double var = 0;
    for (int j = 0; j < k; j++) {
      var += (returns[j] - mean) * (returns[j] - mean) / k;
    }
    List<Double> rs = new ArrayList<>();
    for (double r : returns) {
      rs.add(r);
    }
    return record("eval", "step", step, "mean_return", mean, "std_return", Math.sqrt(var), "mean_length", meanLen,
        "returns", rs);
  }

  private static Map<String, Object> record(String event, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private void writeConfig() throws IOException {
    ObjectNode c = JSON.createObjectNode();
    c.set("run", JSON.valueToTree(run));
    c.set("agent", description == null ? null : JSON.valueToTree(description));
    c.put("agent_class", agent.getClass().getName());
    Files.write(out.resolve("config.json"), JSON.writeValueAsBytes(c));
  }

  // --- checkpoints ---

  private void checkpoint(double wallSeconds) throws IOException {
    Path tmp = out.resolve("checkpoint.tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    agent.save(tmp);
    ObjectNode s = JSON.createObjectNode();
    s.put("format", "rlgan-run-checkpoint");
    s.put("version", 1);
    s.set("run", JSON.valueToTree(run));
    s.put("step", step);
    s.put("vector_steps", vectorSteps);
    s.put("episodes", episodes);
    s.put("updates", updates);
    s.put("last_eval", lastEval);
    s.put("best_eval", bestEval);
    s.put("wall_s", wallSeconds);
    s.put("metrics_bytes", Files.size(out.resolve("metrics.jsonl")));
    s.put("timing_bytes", Files.size(out.resolve("timing.jsonl")));
    ObjectNode iv = s.putObject("interval");
    iv.put("updates", interval.updates());
    iv.put("loss_sum", interval.lossSum());
    iv.put("mean_q_sum", interval.meanQSum());
    iv.put("abs_td_sum", interval.absTdSum());
    iv.put("episodes", intervalEpisodes);
    iv.put("return_sum", intervalReturnSum);
    iv.put("length_sum", intervalLengthSum);
    ArrayNode es = s.putArray("envs");
    for (int i = 0; i < envs.size(); i++) {
      ObjectNode e = es.addObject();
      e.put("episode_index", episodeIndex[i]);
      e.put("episode_seed", episodeSeed[i]);
      ArrayNode a = e.putArray("actions");
      episodeActions.get(i).forEach(a::add);
      if (!wrapperStates.get(i).isEmpty()) {
        e.set("wrappers", JSON.valueToTree(wrapperStates.get(i)));
      }
    }
    Files.write(tmp.resolve("run.json"), JSON.writeValueAsBytes(s));
    Path dst = out.resolve("checkpoint");
    Path old = out.resolve("checkpoint.old");
    deleteTree(old);
    if (Files.exists(dst)) {
      Files.move(dst, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  private void restore(Path dir) throws IOException {
    JsonNode s = JSON.readTree(dir.resolve("run.json").toFile());
    RunConfig saved = JSON.treeToValue(s.get("run"), RunConfig.class);
    if (saved.seed() != run.seed() || saved.numEnvs() != run.numEnvs() || saved.evalSeed() != run.evalSeed()
        || saved.evalEpisodes() != run.evalEpisodes()) {
      throw new IllegalArgumentException("checkpoint " + dir + " was written by a run with " + saved
          + "; this run has " + run + " (seed, numEnvs and evaluation settings must match)");
    }
    agent.load(dir);
    step = s.get("step").asLong();
    vectorSteps = s.get("vector_steps").asLong();
    episodes = s.get("episodes").asLong();
    updates = s.get("updates").asLong();
    lastEval = s.get("last_eval").asDouble();
    bestEval = s.get("best_eval").asDouble();
    elapsedBefore = s.get("wall_s").asDouble();
    JsonNode iv = s.get("interval");
    interval = new Agent.TrainStats(iv.get("updates").asInt(), iv.get("loss_sum").asDouble(),
        iv.get("mean_q_sum").asDouble(), iv.get("abs_td_sum").asDouble());
    intervalEpisodes = iv.get("episodes").asLong();
    intervalReturnSum = iv.get("return_sum").asDouble();
    intervalLengthSum = iv.get("length_sum").asDouble();
    if (out != null) {
      truncate(out.resolve("metrics.jsonl"), s.get("metrics_bytes").asLong());
      truncate(out.resolve("timing.jsonl"), s.get("timing_bytes").asLong());
    }
    // Rebuild every sub-environment's current episode: reset with its seed and replay its actions.
    double[] row = new double[width];
    for (int i = 0; i < envs.size(); i++) {
      JsonNode e = s.get("envs").get(i);
      episodeIndex[i] = e.get("episode_index").asLong();
      StatefulWrapper.loadChain(envs.get(i), wrapperStates(e.get("wrappers")));
      startEpisode(i);
      if (episodeSeed[i] != e.get("episode_seed").asLong()) {
        throw new IllegalStateException("sub-environment " + i + ": the checkpoint's episode seed differs from the "
            + "derived one; the checkpoint belongs to another seed scheme");
      }
      for (JsonNode a : e.get("actions")) {
        int action = a.asInt();
        Step<Object> st = envs.get(i).step(action);
        if (st.done()) {
          throw new IllegalStateException("sub-environment " + i + " ended while replaying its checkpointed "
              + "episode: the environment is not deterministic given its seed and actions");
        }
        float[] before = java.util.Arrays.copyOfRange(obs, i * width, (i + 1) * width);
        float[] after = toFloat(st.observation(), row);
        episodeActions.get(i).add(action);
        episodeReturn[i] += st.reward();
        episodeLength[i]++;
        agent.observe(i, before, action, st.reward(), after, st.terminated(), st.truncated(), true);
        System.arraycopy(after, 0, obs, i * width, width);
      }
    }
  }

  private static List<Map<String, double[]>> wrapperStates(JsonNode saved) {
    List<Map<String, double[]>> out = new ArrayList<>();
    if (saved != null) {
      for (JsonNode w : saved) {
        Map<String, double[]> m = new LinkedHashMap<>();
        w.fields().forEachRemaining(f -> {
          double[] v = new double[f.getValue().size()];
          for (int k = 0; k < v.length; k++) {
            v[k] = f.getValue().get(k).asDouble();
          }
          m.put(f.getKey(), v);
        });
        out.add(m);
      }
    }
    return out;
  }

  private static void truncate(Path file, long bytes) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(bytes);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
