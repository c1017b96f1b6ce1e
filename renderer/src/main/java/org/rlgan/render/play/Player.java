package org.rlgan.render.play;

import static org.lwjgl.glfw.GLFW.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Scene;
import org.rlgan.envs.vector.Batcher;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.render.gl.Framebuffer;
import org.rlgan.render.gl.Gfx;
import org.rlgan.render.gl.GlContext;
import org.rlgan.render.scene.GridOverlay;
import org.rlgan.render.scene.Scenes;

/**
 * Plays episodes of an environment with a policy and shows them: in a window (live playback, human play) or
 * offscreen (recording with no window). Each step draws the scene beside the {@link Hud}; grid worlds also show
 * their {@link GridOverlay}s. Episode {@code e} (from 0) is reset with seed {@code seed + e}, so a seed gives the
 * same episodes every time for a deterministic policy.
 *
 * <p>Window keys: space pause/resume, → one step while paused, + / − double / halve the speed, R restart the
 * episode, V cycle the grid overlays (all side by side, each alone, none), Esc quit. The window resizes freely;
 * the scene is laid out again every frame.
 *
 * <p>The policy is asked for again at the start of each episode ({@code Supplier}), so a live view during training
 * picks up the latest snapshot.
 */
public final class Player {

  /**
   * How to play.
   *
   * @param episodes episodes to play, 0 = until the window closes or the frame limit
   * @param fps environment steps per second in a window (offscreen runs as fast as it can); also the GIF's rate
   * @param seed episode e is reset with seed + e
   * @param maxFrames stop after this many frames, 0 = no limit
   * @param record a .gif file, a .png name pattern or a folder for PNG frames; null = none
   * @param window true: a visible window; false: offscreen only
   * @param human true: the keyboard chooses the actions ({@link HumanControls}); the policy is ignored
   * @param title the window title
   */
  public record Options(int episodes, double fps, long seed, int maxFrames, Path record, boolean window,
      boolean human, String title) {

    /** Validates the numbers. */
    public Options {
      if (episodes < 0) {
        throw new IllegalArgumentException("episodes is " + episodes + "; it must be 0 (no limit) or more");
      }
      if (!(fps > 0 && fps <= 10_000)) {
        throw new IllegalArgumentException("fps is " + fps + "; it must be in (0, 10000]");
      }
      if (maxFrames < 0) {
        throw new IllegalArgumentException("frames is " + maxFrames + "; it must be 0 (no limit) or more");
      }
      if (!window && human) {
        throw new IllegalArgumentException("human play needs a window");
      }
      if (!window && episodes == 0 && maxFrames == 0) {
        throw new IllegalArgumentException("offscreen play needs an episode or frame limit");
      }
    }
  }

  /**
   * What was played.
   *
   * @param frames frames drawn
   * @param returns the return of each finished episode
   * @param lengths the length of each finished episode
   * @param recorded frames written to the recording (0 when none)
   */
  public record Result(int frames, List<Double> returns, List<Integer> lengths, int recorded) {}

  private final Env<Object, Object> env;
  private final Supplier<Policy> policies;
  private final Supplier<List<GridOverlay>> overlaySource;
  private List<GridOverlay> overlays;
  private final Options options;
  private final Batcher<Object> batcher;

  // episode state
  private Policy policy;
  private HumanControls human;
  private Object observation;
  private double[] flat;
  private double[] q;
  private int episode;
  private long step;
  private double episodeReturn;
  private String lastAction = "";
  private boolean episodeOver;
  private final List<Double> returns = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();
  // view state
  private boolean paused;
  private double speed = 1;
  private int overlayMode;
  private double measuredFps = Double.NaN;
  private volatile boolean stopRequested;
  private volatile int framesDrawn;

  /**
   * @param env the environment to play (its {@code unwrapped()} must be {@link HasScene}); closed by the caller
   * @param policies the policy for each new episode
   * @param overlays grid overlays (exact and/or learned), empty for none
   */
  public Player(Env<?, ?> env, Supplier<Policy> policies, List<GridOverlay> overlays, Options options) {
    this(env, policies, constant(List.copyOf(overlays)), options);
  }

  private static Supplier<List<GridOverlay>> constant(List<GridOverlay> overlays) {
    return () -> overlays;
  }

  /**
   * As above, with overlays asked for again at each episode's start, next to the policy (a live view's learned
   * values follow its snapshots); the number of overlays must not change.
   */
  @SuppressWarnings("unchecked")
  public Player(Env<?, ?> env, Supplier<Policy> policies, Supplier<List<GridOverlay>> overlays, Options options) {
    if (!(env.unwrapped() instanceof HasScene)) {
      throw new IllegalArgumentException(env.spec().id() + " has no scene to draw");
    }
    this.env = (Env<Object, Object>) env;
    this.policies = policies;
    this.overlaySource = overlays;
    this.overlays = List.copyOf(overlays.get());
    this.options = options;
    Batcher<Object> b;
    try {
      b = Batcher.of((org.rlgan.mdp.spaces.Space<Object>) env.observationSpace());
    } catch (IllegalArgumentException e) {
      b = null;   // e.g. Blackjack's tuple: policies get null observations
    }
    this.batcher = b;
  }

  /** Frames drawn so far by a running {@link #run()} (readable from any thread). */
  public int framesDrawn() {
    return framesDrawn;
  }

  /** Asks a running {@link #run()} to stop after the current frame (from any thread). */
  public void stop() {
    stopRequested = true;
  }

  private Scene scene() {
    return ((HasScene) env.unwrapped()).scene();
  }

  private void startEpisode() {
    Reset<Object> r = env.reset(options.seed() + episode);
    policy = policies.get();
    overlays = List.copyOf(overlaySource.get());
    if (options.human()) {
      human = HumanControls.of(env, scene());
    }
    observe(r.observation());
    step = 0;
    episodeReturn = 0;
    lastAction = "";
    episodeOver = false;
  }

  private void observe(Object obs) {
    observation = obs;
    if (batcher != null) {
      if (flat == null) {
        flat = new double[batcher.width()];
      }
      batcher.write(obs, flat, 0);
    }
    q = options.human() || policy == null ? null : policy.qValues(flat == null ? null : flat.clone());
  }

  /** One environment step with {@code action}; returns true when the episode ended. */
  private boolean advance(Object action) {
    Step<Object> s = env.step(action);
    step++;
    episodeReturn += s.reward();
    lastAction = ActionNames.describe(action, ActionNames.of(env, scene()));
    observe(s.observation());
    if (s.terminated() || s.truncated()) {
      returns.add(episodeReturn);
      lengths.add((int) step);
      episodeOver = true;
    }
    return episodeOver;
  }

  private Object policyAction() {
    return policy.act(flat == null ? null : flat.clone());
  }

  private List<GridOverlay> visibleOverlays() {
    int n = overlays.size();
    if (overlayMode == 0) {
      return overlays;
    }
    if (overlayMode <= n) {
      return List.of(overlays.get(overlayMode - 1));
    }
    return List.of();
  }

  /** The window size to open: the scene's preferred size plus the overlay panel. */
  public int[] preferredSize() {
    if (observation == null) {
      startEpisode();
    }
    int[] s = Scenes.preferredSize(scene(), overlays.size());
    return new int[] {s[0] + Hud.WIDTH, Math.max(s[1], 360)};
  }

  /** Draws the current frame into (0, 0, width, height) of the canvas. */
  void paint(Gfx g, int width, int height) {
    g.canvas().clear(Hud.BACKGROUND);
    double sceneW = width > 2 * Hud.WIDTH ? width - Hud.WIDTH : width;
    Scenes.paint(g, scene(), visibleOverlays(), 0, 0, sceneW, height);
    if (sceneW < width) {
      List<String> notes = new ArrayList<>();
      notes.add((options.human() ? "human" : policy == null ? "" : policy.name()) + "  " + env.spec().id());
      if (paused) {
        notes.add("PAUSED (space resumes, -> steps)");
      }
      if (options.human() && human != null) {
        notes.add(human.help());
      }
      if (options.window()) {
        notes.add("space pause  -> step  +/- speed");
        notes.add("R reset  Esc quit" + (overlays.isEmpty() ? "" : "  V overlays"));
      }
      Hud.paint(g, new Hud.State(episode + 1, options.episodes(), step, episodeReturn, measuredFps, speed, lastAction,
          q, ActionNames.of(env, scene()), notes), sceneW, 0, width - sceneW, height);
    }
  }

  /** Plays until the episode or frame limit, Esc, or the window closing. */
  public Result run() {
    startEpisode();
    int[] size = preferredSize();
    try (Recorder rec = options.record() == null ? null : Recorder.open(options.record(), options.fps())) {
      return options.window() ? live(size, rec) : offscreen(size, rec);
    } catch (IOException e) {
      throw new UncheckedIOException("could not record to " + options.record() + ": " + e.getMessage(), e);
    }
  }

  private boolean finished(int frames) {
    return stopRequested || options.maxFrames() > 0 && frames >= options.maxFrames()
        || options.episodes() > 0 && returns.size() >= options.episodes();
  }

  private Result offscreen(int[] size, Recorder rec) {
    int frames = 0;
    try (GlContext gl = GlContext.hidden(size[0], size[1]); Gfx g = new Gfx();
        Framebuffer fbo = new Framebuffer(size[0], size[1])) {
      int[] px = new int[size[0] * size[1]];
      // offscreen frames are a recording: the panel shows the rate it plays at, not how fast it was drawn (which
      // would also make two recordings of the same episodes differ)
      measuredFps = options.fps();
      while (true) {
        fbo.bind();
        g.canvas().begin(size[0], size[1]);
        paint(g, size[0], size[1]);
        g.canvas().end();
        frames++;
        framesDrawn = frames;
        if (rec != null) {
          fbo.readArgb(px);
          rec.frame(px, size[0], size[1]);
        }
        if (finished(frames)) {
          break;
        }
        if (episodeOver) {
          episode++;
          startEpisode();
        } else {
          advance(policyAction());
        }
      }
      return new Result(frames, List.copyOf(returns), List.copyOf(lengths), rec == null ? 0 : rec.frames());
    }
  }

  private Result live(int[] size, Recorder rec) {
    int frames = 0;
    ArrayDeque<Integer> keys = new ArrayDeque<>();
    try (GlContext gl = GlContext.window(size[0], size[1], options.title(), false); Gfx g = new Gfx();
        Framebuffer fbo = rec == null ? null : new Framebuffer(size[0], size[1])) {
      long win = gl.window();
      glfwSetKeyCallback(win, (w, key, scancode, action, mods) -> {
        if (action == GLFW_PRESS || action == GLFW_REPEAT) {
          keys.add(key);
        }
      });
      int[] px = rec == null ? null : new int[size[0] * size[1]];
      double next = now();
      double fpsT0 = now();
      int fpsFrames = 0;
      boolean quit = false;
      while (!quit && !gl.shouldClose()) {
        gl.pollEvents();
        boolean stepOnce = false;
        Object humanAction = null;
        while (!keys.isEmpty()) {
          int k = keys.poll();
          switch (k) {
            case GLFW_KEY_ESCAPE -> quit = true;
            case GLFW_KEY_SPACE -> paused = !paused;
            case GLFW_KEY_RIGHT -> stepOnce = paused;
            case GLFW_KEY_EQUAL, GLFW_KEY_KP_ADD -> speed = Math.min(64, speed * 2);
            case GLFW_KEY_MINUS, GLFW_KEY_KP_SUBTRACT -> speed = Math.max(1.0 / 16, speed / 2);
            case GLFW_KEY_R -> startEpisode();
            case GLFW_KEY_V -> overlayMode = (overlayMode + 1) % (overlays.size() + 2);
            default -> { }
          }
          if (options.human() && human != null && human.turnBased() && !paused) {
            Object a = human.onKey(k);
            if (a != null) {
              humanAction = a;
            }
          }
        }
        boolean stepped = false;
        double t = now();
        double interval = 1 / (options.fps() * speed);
        if (episodeOver && (t >= next || stepOnce)) {
          if (options.episodes() > 0 && returns.size() >= options.episodes()) {
            quit = true;
          } else {
            episode++;
            startEpisode();
            next = t + interval;
            stepped = true;
          }
        } else if (options.human() && human.turnBased()) {
          if (humanAction != null && !episodeOver) {
            advance(humanAction);
            stepped = true;
          }
        } else if (!episodeOver && (!paused && t >= next || stepOnce)) {
          Object a = options.human() ? human.onHeld(k -> glfwGetKey(win, k) == GLFW_PRESS) : policyAction();
          advance(a);
          stepped = true;
          next = t - next > 0.25 ? t + interval : next + interval;
        }
        int[] fb = gl.framebufferSize();
        if (fb[0] > 0 && fb[1] > 0) {
          Framebuffer.unbind();
          g.canvas().begin(fb[0], fb[1]);
          paint(g, fb[0], fb[1]);
          g.canvas().end();
          gl.swapBuffers();
        }
        frames++;
        framesDrawn = frames;
        fpsFrames++;
        if (now() - fpsT0 >= 1) {
          measuredFps = fpsFrames / (now() - fpsT0);
          fpsT0 = now();
          fpsFrames = 0;
        }
        if (rec != null && (stepped || frames == 1)) {
          fbo.bind();
          g.canvas().begin(size[0], size[1]);
          paint(g, size[0], size[1]);
          g.canvas().end();
          fbo.readArgb(px);
          Framebuffer.unbind();
          rec.frame(px, size[0], size[1]);
        }
        // the episode limit ends the loop above, once the last episode's final frame has been shown
        if (stopRequested || options.maxFrames() > 0 && frames >= options.maxFrames()) {
          break;
        }
        // wait for the next step, but keep drawing at least 30 times a second so keys and resizes stay smooth
        double wait = Math.min(next - now(), 1.0 / 30);
        if (wait > 0.001) {
          glfwWaitEventsTimeout(wait);
        }
      }
      return new Result(frames, List.copyOf(returns), List.copyOf(lengths), rec == null ? 0 : rec.frames());
    }
  }

  private static double now() {
    return System.nanoTime() / 1e9;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Player(%s, episode %d, step %d)", env.spec().id(), episode, step);
  }
}
