package org.rlgan.scenarios.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.render.NoDisplayException;
import org.rlgan.render.gl.VirtualDisplay;
import org.rlgan.render.play.Player;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.Loc;
import org.rlgan.scenarios.config.Names;
import org.rlgan.scenarios.run.Playback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench play}: a trained agent from a run folder, a random policy ({@code --env ID}) or a person at the
 * keyboard ({@code --env ID --human}), in an OpenGL window or recorded offscreen to a GIF or PNG frames.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
    description = {"Play a trained agent (RUN_DIR), a random policy or yourself (--env ID [--human]) in a window.",
        "Keys: space pause, right arrow single step, +/- speed, R reset, V grid overlays, Esc quit.",
        "With --record and no display, a private Xvfb is started when it is installed."})
final class PlayCmd extends Workbench.Sub implements Callable<Integer> {

  @Parameters(paramLabel = "RUN_DIR", arity = "0..1", description = "a run folder written by 'workbench run'")
  Path runDir;

  @Option(names = "--env", paramLabel = "ID", description = "play this environment instead (random policy)")
  String env;

  @Option(names = "--human", description = "with --env: you choose the actions from the keyboard")
  boolean human;

  @Option(names = "--checkpoint", paramLabel = "best|last", defaultValue = "best",
      description = "which saved network of the run: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  Playback.Checkpoint checkpoint;

  @Option(names = "--episodes", paramLabel = "N", defaultValue = "0",
      description = "episodes to play, 0 = until the window is closed (default ${DEFAULT-VALUE})")
  int episodes;

  @Option(names = "--fps", paramLabel = "F", description = "steps per second (default 30; 10 for --human "
      + "MinAtar and classic control)")
  Double fps;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "episode e is reset with seed S + e (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--record", paramLabel = "FILE",
      description = "also write the frames: FILE.gif (looping GIF), FILE.png (FILE-00000.png, ...) or a folder")
  Path record;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
      description = "stop after N frames, 0 = no limit (default ${DEFAULT-VALUE})")
  int frames;

  @Option(names = "--headless", description = "no window: render offscreen only (needs --record or a limit)")
  boolean headless;

  @Override
  public Integer call() throws Exception {
    if ((runDir == null) == (env == null)) {
      throw new BadInputException(Loc.of("play"), "", runDir == null
          ? "name a run folder (workbench play runs/NAME/RUN) or an environment (workbench play --env CartPole-v1)"
          : "give a run folder or --env, not both");
    }
    if (human && env == null) {
      throw new BadInputException(Loc.of("--human"), "", "--human plays an environment: add --env ID");
    }
    if (human && headless) {
      throw new BadInputException(Loc.of("--human --headless"), "", "human play needs a window; drop --headless");
    }
    if (episodes < 0 || frames < 0) {
      throw new BadInputException(Loc.of(episodes < 0 ? "--episodes " + episodes : "--frames " + frames), "",
          "must be 0 (no limit) or more");
    }
    if (fps != null && !(fps > 0 && fps <= 10_000)) {
      throw new BadInputException(Loc.of("--fps " + fps), "", "must be in (0, 10000]");
    }
    if (env != null && !Registry.builtin().ids().contains(env)) {
      throw new BadInputException(Loc.of("--env " + env), "", "unknown environment" + Names.didYouMean(env,
          Registry.builtin().ids()) + "; see 'workbench list envs'");
    }
    boolean window = !headless;
    if (headless && episodes == 0 && frames == 0) {
      throw new BadInputException(Loc.of("--headless"), "", "offscreen play needs --episodes N or --frames N");
    }
    Playback.Loaded l = env != null ? Playback.random(env, seed) : Playback.fromRun(runDir, checkpoint);
    double rate = fps != null ? fps : human && !env.matches("(FrozenLake|CliffWalking|Taxi|Blackjack).*") ? 10 : 30;
    Player.Options o = new Player.Options(episodes, rate, seed, frames, record, window, human,
        "rlgan play: " + (human ? "you on " + env : l.source()));
    VirtualDisplay xvfb = headless ? VirtualDisplay.startIfAbsent() : null;
    if (xvfb != null) {
      root.err.println("play: no DISPLAY; rendering on a private Xvfb " + xvfb.display());
    }
    try (Env<?, ?> e = l.envs().get()) {
      Player.Result r;
      try {
        r = new Player(e, l::policy, l.overlays(), o).run();
      } catch (NoDisplayException nd) {
        root.err.println("error: " + nd.getMessage());
        root.err.println("or record without a window: workbench play ... --headless --record out.gif --frames 300");
        return Workbench.FAILED;
      }
      for (int i = 0; i < r.returns().size(); i++) {
        root.out.printf(Locale.ROOT, "episode %d: return %.2f, length %d%n", i + 1, r.returns().get(i),
            r.lengths().get(i));
      }
      if (record != null) {
        root.err.printf(Locale.ROOT, "play: %d frames written to %s%n", r.recorded(), record);
      }
      root.err.printf(Locale.ROOT, "play: %d frames, %d episode(s) finished%n", r.frames(), r.returns().size());
    } finally {
      if (xvfb != null) {
        xvfb.close();
      }
    }
    return Workbench.OK;
  }
}
