package org.rlgan.render.gan;

import static org.lwjgl.glfw.GLFW.GLFW_KEY_ESCAPE;
import static org.lwjgl.glfw.GLFW.GLFW_PRESS;
import static org.lwjgl.glfw.GLFW.glfwSetKeyCallback;
import static org.lwjgl.glfw.GLFW.glfwWaitEventsTimeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.rlgan.render.RenderException;
import org.rlgan.render.gl.Framebuffer;
import org.rlgan.render.gl.Gfx;
import org.rlgan.render.gl.GlContext;
import org.rlgan.render.play.Recorder;
import org.rlgan.render.scene.Colours;

/**
 * A renderer thread showing the latest {@link GanFrame} while a GAN trains on another thread: in a window (Esc
 * closes it; training goes on) and/or recorded offscreen, one recorded frame per published snapshot. Feed it
 * through {@link #sink()} (e.g. a {@link GanSnapshots}); the learner never waits for a frame.
 *
 * <pre>{@code
 * try (GanLiveView view = GanLiveView.start(new GanLiveView.Options(true, null, 0, 640, "ring"))) {
 *   trainer.addListener(new GanSnapshots(data, 50, 64, 500, view.sink())).train(5000);
 * }
 * }</pre>
 */
public final class GanLiveView implements AutoCloseable {

  /**
   * @param window show a window; false renders offscreen only (for the recording)
   * @param record a .gif, .png pattern or folder for the frames, or null
   * @param maxRecorded stop recording after this many frames (0: no limit)
   * @param size the square view's side, pixels
   * @param title the window title
   */
  public record Options(boolean window, Path record, int maxRecorded, int size, String title) {}

  private final AtomicReference<GanFrame> latest = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;
  private final Options options;
  private volatile boolean stop;
  private volatile int recorded;
  private volatile boolean ready;
  private final Runnable afterClose;

  private GanLiveView(Options options, Runnable afterClose) {
    this.options = options;
    this.afterClose = afterClose;
    this.thread = new Thread(this::loop, "rlgan-gan-view");
    thread.setDaemon(true);
  }

  /** Starts the thread and waits until its context exists (or fails: the failure is thrown here). */
  public static GanLiveView start(Options options) {
    return start(options, null);
  }

  /**
   * As above; {@code afterClose} runs once the thread has stopped (e.g. stopping a private Xvfb), or right away
   * when the start fails.
   */
  public static GanLiveView start(Options options, Runnable afterClose) {
    GanLiveView v = new GanLiveView(options, afterClose);
    v.thread.start();
    while (!v.ready && v.thread.isAlive()) {
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (v.failure.get() != null) {
      Throwable e = v.failure.get();
      if (afterClose != null) {
        afterClose.run();
      }
      throw e instanceof RenderException r ? r : new RenderException("the GAN view failed: " + e, e);
    }
    return v;
  }

  /** Where snapshots go (any thread). */
  public Consumer<GanFrame> sink() {
    return latest::set;
  }

  /** Frames written to the recording so far. */
  public int recorded() {
    return recorded;
  }

  private void loop() {
    int size = options.size();
    GlContext gl;
    try {
      gl = options.window() ? GlContext.window(size, size, options.title(), true) : GlContext.hidden(size, size);
    } catch (Throwable e) {
      failure.set(e);
      return;
    }
    try (gl; Gfx g = new Gfx(); GanViews views = new GanViews();
        Framebuffer fbo = options.record() == null ? null : new Framebuffer(size, size);
        Recorder rec = options.record() == null ? null : Recorder.open(options.record(), 10)) {
      if (options.window()) {
        glfwSetKeyCallback(gl.window(), (w, key, sc, action, mods) -> {
          if (key == GLFW_KEY_ESCAPE && action == GLFW_PRESS) {
            gl.requestClose();
          }
        });
      }
      ready = true;
      GanFrame shown = null;
      int[] px = rec == null ? null : new int[size * size];
      boolean open = options.window();
      while (!stop) {
        GanFrame f = latest.get();
        if (open) {
          gl.pollEvents();
          if (gl.shouldClose()) {
            open = false;   // the window goes; training and the recording go on
            if (rec == null) {
              return;
            }
          }
          int[] fb = gl.framebufferSize();
          Framebuffer.unbind();
          g.canvas().begin(fb[0], fb[1]);
          draw(g, views, f, fb[0], fb[1]);
          g.canvas().end();
          gl.swapBuffers();
        }
        if (rec != null && f != null && f != shown && (options.maxRecorded() == 0 || recorded < options.maxRecorded())) {
          fbo.bind();
          g.canvas().begin(size, size);
          draw(g, views, f, size, size);
          g.canvas().end();
          fbo.readArgb(px);
          Framebuffer.unbind();
          rec.frame(px, size, size);
          recorded = rec.frames();
        }
        shown = f;
        if (open) {
          glfwWaitEventsTimeout(1.0 / 30);
        } else {
          Thread.sleep(5);
        }
      }
    } catch (IOException e) {
      failure.set(new UncheckedIOException(e));
    } catch (Throwable e) {
      failure.set(e);
    } finally {
      ready = true;
    }
  }

  private static void draw(Gfx g, GanViews views, GanFrame f, int w, int h) {
    g.canvas().clear(Colours.WHITE);
    if (f == null) {
      g.small().draw(g.canvas(), "waiting for the first snapshot ...", 10, 10, Colours.BLACK);
    } else {
      views.paint(g, f, 0, 0, w, h);
    }
  }

  /**
   * Shows and records the last published frame, then stops the thread and finishes the recording.
   *
   * @throws RenderException when the thread failed
   */
  @Override
  public void close() {
    // let the loop pick up a frame published just before closing
    long until = System.nanoTime() + 5_000_000_000L;
    while (thread.isAlive() && options.record() != null && latest.get() != null && recordedBehind()
        && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    stop = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (afterClose != null) {
        afterClose.run();
      }
    }
    if (failure.get() != null) {
      Throwable e = failure.get();
      throw e instanceof RenderException r ? r : new RenderException("the GAN view failed: " + e, e);
    }
  }

  private boolean recordedBehind() {
    return options.maxRecorded() == 0 || recorded < options.maxRecorded();
  }
}
