package org.rlgan.render.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Registry;
import org.rlgan.envs.Scene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.render.Offscreen;
import org.rlgan.render.gl.VirtualDisplay;
import org.rlgan.render.play.Hud;
import org.rlgan.render.play.Player;
import org.rlgan.render.play.Policies;
import org.rlgan.render.scene.Scenes;

/**
 * Frames per second of every environment's scene with the overlay panel, under whatever OpenGL the display gives
 * (Mesa llvmpipe under Xvfb on the project's machines), three ways: {@code live} (the {@link Player}'s window loop:
 * a random policy's step, the frame, the buffer swap; no frame pacing), {@code offscreen} (step + draw into a
 * framebuffer + glFinish) and {@code readback} (the same + reading the pixels back, what recording costs before
 * encoding). Arguments: {@code [frames per measurement] [out.md]}. Starts a private Xvfb without a display.
 */
public final class RenderBench {

  private RenderBench() {}

  /** Runs the benchmark and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path out = args.length > 1 ? Path.of(args[1]) : null;
    VirtualDisplay xvfb = VirtualDisplay.startIfAbsent();
    List<String> ids = List.of("CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1",
        "Pendulum-v1", "FrozenLake-v1", "FrozenLake8x8-v1", "CliffWalking-v1", "Taxi-v3", "Blackjack-v1",
        "MinAtar/Asterix-v1", "MinAtar/Breakout-v1", "MinAtar/Freeway-v1", "MinAtar/Seaquest-v1",
        "MinAtar/SpaceInvaders-v1");
    StringBuilder md = new StringBuilder();
    String renderer;
    try (Offscreen probe = new Offscreen(8, 8)) {
      renderer = probe.context().renderer() + ", " + probe.context().version();
    }
    md.append("renderer: ").append(renderer).append(", ").append(frames).append(" frames per cell\n\n");
    md.append("| env | frame (px) | live fps | offscreen fps | offscreen + readback fps |\n|---|---|---|---|---|\n");
    List<double[]> all = new ArrayList<>();
    for (String id : ids) {
      double live = live(id, frames);
      double[] off = offscreen(id, frames);
      Env<?, ?> e = Registry.builtin().make(id);
      e.reset(0);
      int[] size = Scenes.preferredSize(((HasScene) e.unwrapped()).scene(), 0);
      md.append(String.format(Locale.ROOT, "| %s | %dx%d | %.0f | %.0f | %.0f |%n", id, size[0] + Hud.WIDTH,
          Math.max(size[1], 360), live, off[0], off[1]));
      all.add(new double[] {live, off[0], off[1]});
      System.out.print(md.substring(md.lastIndexOf("| " + id)));
    }
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    for (double[] r : all) {
      for (int i = 0; i < 3; i++) {
        min[i] = Math.min(min[i], r[i]);
      }
    }
    md.append(String.format(Locale.ROOT, "| **slowest** | | %.0f | %.0f | %.0f |%n", min[0], min[1], min[2]));
    System.out.println();
    System.out.print(md);
    if (out != null) {
      Files.writeString(out, md.toString());
    }
    if (xvfb != null) {
      xvfb.close();
    }
  }

  /** The Player's window loop without pacing; the first 10 % of frames warm up the JIT and are not counted. */
  static double live(String id, int frames) {
    Env<?, ?> env = Registry.builtin().make(id);
    int warm = Math.max(10, frames / 10);
    new Player(env, () -> Policies.random(env.actionSpace(), 0), List.of(),
        new Player.Options(0, 10_000, 0, warm, null, true, false, "bench")).run();
    long t0 = System.nanoTime();
    Player.Result r = new Player(env, () -> Policies.random(env.actionSpace(), 0), List.of(),
        new Player.Options(0, 10_000, 0, frames, null, true, false, "bench")).run();
    return r.frames() / ((System.nanoTime() - t0) / 1e9);
  }

  /** {offscreen fps, offscreen + readback fps}. */
  @SuppressWarnings("unchecked")
  static double[] offscreen(String id, int frames) {
    Env<Object, Object> env = (Env<Object, Object>) Registry.builtin().make(id);
    env.reset(0);
    RandomGenerator rng = Rngs.seeded(0);
    Scene first = ((HasScene) env.unwrapped()).scene();
    int[] s = Scenes.preferredSize(first, 0);
    int w = s[0] + Hud.WIDTH;
    int h = Math.max(s[1], 360);
    double[] out = new double[2];
    try (Offscreen off = new Offscreen(w, h)) {
      int[] px = new int[w * h];
      for (int mode = 0; mode < 2; mode++) {
        long t0 = 0;
        int warm = Math.max(10, frames / 10);
        for (int f = 0; f < warm + frames; f++) {
          if (f == warm) {
            t0 = System.nanoTime();
          }
          Step<Object> st = env.step(env.actionSpace().sample(rng));
          if (st.terminated() || st.truncated()) {
            env.reset(f);
          }
          Scene sc = ((HasScene) env.unwrapped()).scene();
          Hud.State hud = new Hud.State(1, 0, f, 0, 60, 1, "0", new double[] {1, 2}, List.of("a", "b"), List.of());
          if (mode == 0) {
            off.drawOnly(g -> {
              Scenes.paint(g, sc, 0, 0, s[0], h);
              Hud.paint(g, hud, s[0], 0, Hud.WIDTH, h);
            });
          } else {
            off.render(g -> {
              Scenes.paint(g, sc, 0, 0, s[0], h);
              Hud.paint(g, hud, s[0], 0, Hud.WIDTH, h);
            }, px);
          }
        }
        out[mode] = frames / ((System.nanoTime() - t0) / 1e9);
      }
    }
    return out;
  }
}
