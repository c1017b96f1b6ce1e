package org.rlgan.scenarios.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.rlgan.mdp.Env;
import org.rlgan.render.RenderException;
import org.rlgan.render.gl.VirtualDisplay;
import org.rlgan.render.play.Player;
import org.rlgan.render.play.Policies;
import org.rlgan.render.play.Policy;
import org.rlgan.render.scene.GridOverlay;

/**
 * {@code workbench run --render}: a renderer thread that plays evaluation episodes with the latest policy snapshot
 * while the learner trains on its own thread. The learner only {@link #publish}es a snapshot (its own copy of the
 * network, made at each evaluation); the renderer's environment, network forward passes and GL context are all
 * on the renderer's thread, so training neither waits for frames nor shares state with them. Without
 * {@code --render} none of this is created (and LWJGL is never loaded).
 */
public final class LiveRender implements AutoCloseable {

  /**
   * What the command line asked for.
   *
   * @param window show a window (false: offscreen, for {@code --record} alone)
   * @param record a .gif, .png pattern or folder for the frames, or null
   * @param frames stop rendering after this many frames (0: until the run ends or the window closes)
   * @param fps steps per second of the evaluation episodes
   */
  public record Settings(boolean window, Path record, int frames, double fps) {}

  private final AtomicReference<Policy> latest;
  private final Player player;
  private final Thread thread;

  private final VirtualDisplay xvfb;

  private LiveRender(AtomicReference<Policy> latest, Player player, Thread thread, VirtualDisplay xvfb) {
    this.latest = latest;
    this.player = player;
    this.thread = thread;
    this.xvfb = xvfb;
  }

  /**
   * Starts the renderer thread and waits until its first frame is drawn (or it fails, e.g. without a display),
   * so that a failure stops the run before training starts.
   *
   * @param envs makes the renderer's own environment
   * @param initial the policy until the first snapshot
   * @param overlays the grid overlays for a policy (evaluated on the renderer thread at each episode's start)
   */
  public static LiveRender start(Supplier<Env<?, ?>> envs, Policy initial,
      java.util.function.Function<Policy, List<GridOverlay>> overlays, Settings settings, long seed, String title,
      PrintStream err) {
    VirtualDisplay xvfb = privateDisplay(settings, err);
    AtomicReference<Policy> latest = new AtomicReference<>(initial);
    Env<?, ?> env = envs.get();
    Player.Options o = new Player.Options(0, settings.fps(), seed, settings.frames(), settings.record(),
        settings.window(), false, title);
    Player player = new Player(env, latest::get, () -> overlays.apply(latest.get()), o);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try (env) {
        player.run();
      } catch (Throwable e) {
        failed.set(e);
      }
    }, "rlgan-render");
    t.setDaemon(true);
    LiveRender live = new LiveRender(latest, player, t, xvfb);
    t.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (player.framesDrawn() == 0 && t.isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (failed.get() != null) {
      Throwable e = failed.get();
      if (xvfb != null) {
        xvfb.close();
      }
      throw e instanceof RenderException r ? r : new RenderException("the live view failed: " + e, e);
    }
    if (settings.record() != null) {
      err.println("render: recording evaluation episodes to " + settings.record());
    }
    return live;
  }

  /**
   * The GAN view of a {@code kind: gan} run: a window and/or a recording (one frame per snapshot), on a private
   * Xvfb when recording without a display. Close it after training.
   */
  public static org.rlgan.render.gan.GanLiveView ganView(Settings settings, String title, PrintStream err) {
    VirtualDisplay xvfb = privateDisplay(settings, err);
    org.rlgan.render.gan.GanLiveView v = org.rlgan.render.gan.GanLiveView.start(
        new org.rlgan.render.gan.GanLiveView.Options(settings.window(), settings.record(), settings.frames(), 640,
            title), xvfb == null ? null : xvfb::close);
    if (settings.record() != null) {
      err.println("render: recording the GAN's snapshots to " + settings.record());
    }
    return v;
  }

  /** Recording without a window and without a display: a private Xvfb (GLX needs an X server); else null. */
  private static VirtualDisplay privateDisplay(Settings settings, PrintStream err) {
    VirtualDisplay xvfb = settings.window() ? null : VirtualDisplay.startIfAbsent();
    if (xvfb != null) {
      err.println("render: no DISPLAY; recording on a private Xvfb " + xvfb.display());
    }
    return xvfb;
  }

  /** A random policy for the first frames, before the learner's first snapshot. */
  public static Policy untrained(Env<?, ?> env, long seed) {
    return Policies.random(env.actionSpace(), seed);
  }

  /** Hands the renderer a new policy, used from its next episode on (any thread). */
  public void publish(Policy p) {
    latest.set(p);
  }

  /** Stops the renderer (after its current frame) and waits for it; the recording is finished and closed. */
  @Override
  public void close() {
    player.stop();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (xvfb != null) {
        xvfb.close();
      }
    }
  }
}
