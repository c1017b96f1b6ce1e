package org.rlgan.envs.wrappers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/**
 * Records each episode's return, length and wall time (Gymnasium's {@code RecordEpisodeStatistics}): the step that
 * ends an episode carries {@code info["episode"] = {"r": return, "l": length, "t": seconds}}, and the last
 * {@code bufferLength} returns and lengths are kept.
 */
public final class RecordEpisodeStatistics<O, A> extends Wrapper<O, A, O, A> {

  /** One finished episode. */
  public record Episode(double r, long l, double t) {}

  private final int bufferLength;
  private final ArrayDeque<Episode> recent = new ArrayDeque<>();
  private double episodeReturn;
  private long episodeLength;
  private long startNanos;
  private long episodes;

  public RecordEpisodeStatistics(Env<O, A> env, int bufferLength) {
    super(env);
    if (bufferLength < 1) {
      throw new IllegalArgumentException("RecordEpisodeStatistics: bufferLength is " + bufferLength + "; it must be ≥ 1");
    }
    this.bufferLength = bufferLength;
  }

  public RecordEpisodeStatistics(Env<O, A> env) {
    this(env, 100);
  }

  @Override
  public Reset<O> reset(OptionalLong seed, Map<String, Object> options) {
    episodeReturn = 0;
    episodeLength = 0;
    startNanos = System.nanoTime();
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    episodeReturn += s.reward();
    episodeLength++;
    if (!s.done()) {
      return s;
    }
    Episode e = new Episode(episodeReturn, episodeLength, (System.nanoTime() - startNanos) / 1e9);
    episodes++;
    recent.addLast(e);
    if (recent.size() > bufferLength) {
      recent.removeFirst();
    }
    Map<String, Object> info = new HashMap<>(s.info());
    info.put("episode", Map.of("r", e.r(), "l", e.l(), "t", e.t()));
    return new Step<>(s.observation(), s.reward(), s.terminated(), s.truncated(), info);
  }

  /** The last episodes, oldest first (at most {@code bufferLength}). */
  public List<Episode> recentEpisodes() {
    return new ArrayList<>(recent);
  }

  /** Episodes finished since construction. */
  public long episodeCount() {
    return episodes;
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }
}
