package org.rlgan.envs.toytext;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.envs.HasScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.HasTransitionModel;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * Gymnasium 1.4's {@code CliffWalking-v1} ({@code gymnasium/envs/toy_text/cliffwalking.py}; Sutton &amp; Barto,
 * Example 6.6): a 4×12 grid, start (3, 0) = state 36, goal (3, 11) = state 47, cliff (3, 1..10).
 *
 * <ul>
 *   <li>Actions {@code Discrete(4)}: 0 up, 1 right, 2 down, 3 left. Observations {@code Discrete(48)}:
 *       {@code row·12 + col}.
 *   <li>Every step costs −1; stepping into the cliff costs −100 and sends the agent back to the start
 *       <em>without</em> ending the episode. Entering the goal terminates.
 *   <li>{@code is_slippery}: the move goes (a−1) mod 4, a, (a+1) mod 4 with probability {@code 1/3} each
 *       (Python's {@code 1 / len(deltas)}), listed in that order.
 *   <li>Info {@code {"prob": p}} on step, {@code {"prob": 1}} on reset (which draws from the one-hot {@code isd}).
 * </ul>
 */
public final class CliffWalking implements Env<Integer, Integer>, HasTransitionModel, HasScene {

  public static final int UP = 0;
  public static final int RIGHT = 1;
  public static final int DOWN = 2;
  public static final int LEFT = 3;
  public static final int ROWS = 4;
  public static final int COLS = 12;
  public static final int START = 36;
  public static final int GOAL = 47;

  private static final int[][] DELTAS = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};
  private static final List<String> CELLS = List.of("oooooooooooo", "oooooooooooo", "oooooooooooo",
      "SCCCCCCCCCCG");
  private static final List<String> ACTION_NAMES = List.of("Up", "Right", "Down", "Left");

  private final boolean slippery;
  private final EnvSpec spec;
  private final TransitionTable table;
  private final TableWalk walk;
  private final Discrete observationSpace = new Discrete(ROWS * COLS);
  private final Discrete actionSpace = new Discrete(4);

  public CliffWalking(boolean isSlippery) {
    this(isSlippery, EnvSpec.of("CliffWalking-v1", false));
  }

  public CliffWalking(boolean isSlippery, EnvSpec spec) {
    this.slippery = isSlippery;
    this.spec = spec;
    TransitionTable.Builder b = new TransitionTable.Builder(ROWS * COLS, 4);
    b.initialWeight(START, 1.0);
    for (int st = 0; st < ROWS * COLS; st++) {
      int row = st / COLS;
      int col = st % COLS;
      for (int move = 0; move < 4; move++) {
        int[] dirs = isSlippery ? new int[] {Math.floorMod(move - 1, 4), move, (move + 1) % 4} : new int[] {move};
        double p = 1.0 / dirs.length;
        for (int d : dirs) {
          int r = Math.max(0, Math.min(row + DELTAS[d][0], ROWS - 1));
          int c = Math.max(0, Math.min(col + DELTAS[d][1], COLS - 1));
          if (isCliff(r, c)) {
            b.add(st, move, p, START, -100, false);
          } else {
            b.add(st, move, p, r * COLS + c, -1, r == ROWS - 1 && c == COLS - 1);
          }
        }
      }
    }
    this.table = b.build();
    this.walk = new TableWalk(spec.id(), table, actionSpace);
  }

  private static boolean isCliff(int r, int c) {
    return r == ROWS - 1 && c >= 1 && c <= COLS - 2;
  }

  @Override
  public Reset<Integer> reset(OptionalLong seed, Map<String, Object> options) {
    return new Reset<>(walk.reset(seed), Map.of("prob", 1));
  }

  @Override
  public Step<Integer> step(Integer action) {
    Transition t = walk.step(action);
    return new Step<>(t.next(), t.reward(), t.terminated(), false, Map.of("prob", t.prob()));
  }

  public boolean isSlippery() {
    return slippery;
  }

  /** The current state (−1 before the first reset). */
  public int state() {
    return walk.state();
  }

  /** Gymnasium's {@code P}: the table {@code step} samples from. */
  public TransitionTable transitions() {
    return table;
  }

  @Override
  public FiniteMdp transitionModel() {
    return walk.model();
  }

  /**
   * Gymnasium's {@code render_mode="ansi"} text: {@code x} the agent, {@code T} the goal, {@code C} the cliff,
   * {@code o} ground, cells separated by two spaces, each row ending in a newline, then one empty line.
   */
  public String renderAnsi() {
    walk.requireReset();
    StringBuilder out = new StringBuilder();
    for (int st = 0; st < ROWS * COLS; st++) {
      int r = st / COLS;
      int c = st % COLS;
      String o;
      if (st == walk.state()) {
        o = " x ";
      } else if (r == 3 && c == 11) {
        o = " T ";
      } else if (isCliff(r, c)) {
        o = " C ";
      } else {
        o = " o ";
      }
      if (c == 0) {
        o = o.stripLeading();
      }
      if (c == COLS - 1) {
        o = o.stripTrailing() + "\n";
      }
      out.append(o);
    }
    return out.append('\n').toString();
  }

  @Override
  public GridScene scene() {
    walk.requireReset();
    return new GridScene("cliff_walking", ROWS, COLS, CELLS, walk.state() / COLS, walk.state() % COLS,
        walk.lastActionIfAny(), ACTION_NAMES);
  }

  @Override
  public Space<Integer> observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actionSpace;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }
}
