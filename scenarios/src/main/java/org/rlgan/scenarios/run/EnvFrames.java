package org.rlgan.scenarios.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.rlgan.envs.Registry;
import org.rlgan.gan.data.ImageSet;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.MultiBinary;
import org.rlgan.mdp.spaces.Space;
import org.rlgan.render.play.Policies;
import org.rlgan.render.play.Policy;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.spec.GanDataSpec;
import org.rlgan.scenarios.spec.RlScenario;

/**
 * Collects observations of an environment as a GAN data set ({@code data: {type: env_frames}}): the composition
 * root's bridge from {@code envs} to gan-lab, which sees only the resulting {@link ImageSet}.
 *
 * <p>Frames: the environment is reset with {@code seed} (episode i with {@code seed + i}) and stepped by the policy;
 * every observation is kept, the first of each episode included, until {@code frames} are collected. A frame of a
 * {@code MultiBinary(H, W, C)} space (MinAtar: {@code obs[(y·W + x)·C + c]}, y = 0 the top row) becomes [C, H', W']
 * with value 2b − 1 (so 0 → −1, 1 → 1, the range of a tanh generator), H' and W' the sides rounded up to multiples of
 * 4 and the margin (split evenly, the odd pixel at the bottom or right) filled with −1. The collection is a function
 * of the spec alone: same seed, same frames.
 */
public final class EnvFrames {
  private EnvFrames() {}

  /** The image shape [C, H', W'] frames of this observation space map to; refuses spaces that are not images. */
  public static long[] imageShape(Space<?> observations) {
    if (!(observations instanceof MultiBinary mb) || mb.shape().length != 3) {
      throw new IllegalArgumentException("its observations are " + observations + ", not images; env_frames needs "
          + "MultiBinary(H, W, C) observations (the MinAtar games, e.g. MinAtar/Breakout-v1: 'workbench list envs')");
    }
    int[] s = mb.shape();
    return new long[] {s[2], roundUp4(s[0]), roundUp4(s[1])};
  }

  private static int roundUp4(int n) {
    return (n + 3) / 4 * 4;
  }

  /** Reports an unsuitable environment or policy at its key (for validation). */
  public static void check(GanDataSpec.EnvFramesSpec spec, BiConsumer<String, String> error) {
    Env<?, ?> env;
    try {
      env = Registry.builtin().make(spec.env(), spec.options());
    } catch (IllegalArgumentException e) {
      error.accept(spec.options().isEmpty() ? "env" : "options", e.getMessage());
      return;
    }
    try {
      imageShape(env.observationSpace());
    } catch (IllegalArgumentException e) {
      error.accept("env", spec.env() + ": " + e.getMessage());
      return;
    }
    if (!spec.policy().equals("random")) {
      Path dir = Path.of(spec.policy());
      Path yaml = dir.resolve("scenario.yaml");
      if (!Files.isRegularFile(yaml)) {
        error.accept("policy", "'" + spec.policy() + "' is neither 'random' nor a run folder (no scenario.yaml in "
            + dir.toAbsolutePath() + "); give random or the folder 'workbench run' printed for a kind: rl DQN run");
        return;
      }
      try {
        if (ScenarioLoader.load(yaml, List.of()).spec() instanceof RlScenario rl && !rl.env().id().equals(spec.env())) {
          error.accept("policy", "the run in " + dir + " trained on " + rl.env().id() + ", not " + spec.env()
              + "; set env: " + rl.env().id() + " or choose a run on " + spec.env());
        }
      } catch (BadInputException e) {
        error.accept("policy", "the run folder's scenario.yaml does not load: " + e.getMessage());
      }
    }
  }

  /** Collects the frames described by {@code spec} (see the class comment). */
  @SuppressWarnings("unchecked")
  public static ImageSet collect(GanDataSpec.EnvFramesSpec spec) {
    Env<Object, Object> env;
    Policy policy;
    String who;
    if (spec.policy().equals("random")) {
      env = (Env<Object, Object>) Registry.builtin().make(spec.env(), spec.options());
      policy = Policies.random(env.actionSpace(), spec.seed() + 1);
      who = "random policy";
    } else {
      try {
        Playback.Loaded l = Playback.fromRun(Path.of(spec.policy()), Playback.Checkpoint.last);
        env = (Env<Object, Object>) l.envs().get();
        policy = l.policy();
        who = l.source();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    long[] shape = imageShape(env.observationSpace());
    int[] in = ((MultiBinary) (Space<?>) env.observationSpace()).shape();
    int h = in[0];
    int w = in[1];
    int c = in[2];
    int hh = (int) shape[1];
    int ww = (int) shape[2];
    int top = (hh - h) / 2;
    int left = (ww - w) / 2;
    int per = c * hh * ww;
    float[] pixels = new float[spec.frames() * per];
    java.util.Arrays.fill(pixels, -1f);
    double[] flat = new double[h * w * c];
    long episode = 0;
    int[] obs = (int[]) env.reset(spec.seed()).observation();
    for (int i = 0; i < spec.frames(); i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < c; k++) {
            pixels[i * per + (k * hh + top + y) * ww + left + x] = 2f * obs[(y * w + x) * c + k] - 1f;
          }
        }
      }
      if (i == spec.frames() - 1) {
        break;
      }
      for (int j = 0; j < flat.length; j++) {
        flat[j] = obs[j];
      }
      Step<Object> st = env.step(policy.act(flat));
      obs = (int[]) st.observation();
      if (st.terminated() || st.truncated()) {
        episode++;
        obs = (int[]) env.reset(spec.seed() + episode).observation();
      }
    }
    return new ImageSet(pixels, shape, spec.frames() + " frames of " + spec.env() + " (" + who + ", seed "
        + spec.seed() + ", " + (episode + 1) + " episodes)");
  }
}
