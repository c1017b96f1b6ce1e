package org.rlgan.envs.toytext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.envs.HasScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.HasTransitionModel;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * Gymnasium 1.4's {@code FrozenLake-v1} ({@code gymnasium/envs/toy_text/frozen_lake.py}): cross a frozen lake
 * from S to G without falling into a hole H.
 *
 * <ul>
 *   <li>Actions {@code Discrete(4)}: 0 left, 1 down, 2 right, 3 up. Observations {@code Discrete(rows·cols)}:
 *       {@code row·cols + col}.
 *   <li>Slippery (default): the intended move with probability {@code success_rate} (1/3), each perpendicular
 *       one ({@code (a−1) mod 4}, then {@code (a+1) mod 4}) with {@code (1 − success_rate)/2}; the three entries
 *       are listed in the order (a−1, a, a+1) and never merged. Not slippery: one entry with probability 1.
 *   <li>Rewards {@code reward_schedule} = (goal, hole, frozen), default (1, 0, 0), for the cell entered; a hole
 *       or the goal terminates. G and H rows are absorbing: {@code (1.0, s, 0, true)}.
 *   <li>{@code reset} draws the start from {@code isd} (uniform over the S cells); info {@code {"prob": 1}};
 *       {@code step} draws one uniform number and returns info {@code {"prob": p}}.
 * </ul>
 *
 * <p>The finite model ({@link #transitionModel()}) is built from the very table {@code step} samples.
 */
public final class FrozenLake implements Env<Integer, Integer>, HasTransitionModel, HasScene {

  public static final int LEFT = 0;
  public static final int DOWN = 1;
  public static final int RIGHT = 2;
  public static final int UP = 3;

  /** Gymnasium's {@code MAPS}. */
  public static final Map<String, List<String>> MAPS = Map.of(
      "4x4", List.of("SFFF", "FHFH", "FFFH", "HFFG"),
      "8x8", List.of("SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF",
          "FFFHFFFG"));

  private static final List<String> ACTION_NAMES = List.of("Left", "Down", "Right", "Up");

  /**
   * The options of one lake.
   *
   * @param desc the map, rows of S/F/H/G letters (rectangular, at least one S)
   * @param isSlippery whether moves slip
   * @param successRate the probability of the intended move when slippery, in [0, 1]
   * @param rewardSchedule the rewards for entering (goal, hole, frozen or start), three numbers
   */
  public record Config(List<String> desc, boolean isSlippery, double successRate, List<Double> rewardSchedule) {

    public Config {
      if (desc == null || desc.isEmpty()) {
        throw new IllegalArgumentException("FrozenLake desc is empty; give rows of S/F/H/G such as [\"SFFF\", ...]");
      }
      desc = List.copyOf(desc);
      int cols = desc.get(0).length();
      boolean start = false;
      for (int r = 0; r < desc.size(); r++) {
        String row = desc.get(r);
        if (row.length() != cols || cols == 0) {
          throw new IllegalArgumentException("FrozenLake desc row " + r + " is \"" + row + "\" of length "
              + row.length() + "; every row must have the length of row 0 (" + cols + ")");
        }
        for (char ch : row.toCharArray()) {
          if ("SFHG".indexOf(ch) < 0) {
            throw new IllegalArgumentException("FrozenLake desc row " + r + " \"" + row + "\" has the letter '" + ch
                + "'; the letters are S (start), F (frozen), H (hole), G (goal)");
          }
          start |= ch == 'S';
        }
      }
      if (!start) {
        throw new IllegalArgumentException("FrozenLake desc " + desc + " has no start cell 'S'");
      }
      if (!(successRate >= 0 && successRate <= 1)) {
        throw new IllegalArgumentException("FrozenLake success_rate is " + successRate + "; it must lie in [0, 1]");
      }
      if (rewardSchedule == null || rewardSchedule.size() != 3) {
        throw new IllegalArgumentException("FrozenLake reward_schedule is " + rewardSchedule
            + "; give three rewards (goal, hole, frozen), e.g. [1, 0, 0]");
      }
      rewardSchedule = List.copyOf(rewardSchedule);
    }

    /** A named map ("4x4" or "8x8"), slippery with Gymnasium's defaults. */
    public static Config of(String mapName) {
      List<String> m = MAPS.get(mapName);
      if (m == null) {
        throw new IllegalArgumentException("FrozenLake map_name is '" + mapName + "'; the maps are " + MAPS.keySet()
            + " (or give desc)");
      }
      return new Config(m, true, 1.0 / 3.0, List.of(1.0, 0.0, 0.0));
    }

    public Config withSlippery(boolean slippery) {
      return new Config(desc, slippery, successRate, rewardSchedule);
    }
  }

  private final Config config;
  private final EnvSpec spec;
  private final int nrow;
  private final int ncol;
  private final TransitionTable table;
  private final TableWalk walk;
  private final Discrete observationSpace;
  private final Discrete actionSpace = new Discrete(4);

  public FrozenLake(Config config) {
    this(config, EnvSpec.of("FrozenLake-v1", false));
  }

  public FrozenLake(Config config, EnvSpec spec) {
    this.config = config;
    this.spec = spec;
    this.nrow = config.desc().size();
    this.ncol = config.desc().get(0).length();
    this.table = buildTable(config, nrow, ncol);
    this.walk = new TableWalk(spec.id(), table, actionSpace);
    this.observationSpace = new Discrete(nrow * ncol);
  }

  private static TransitionTable buildTable(Config c, int nrow, int ncol) {
    List<String> desc = c.desc();
    TransitionTable.Builder b = new TransitionTable.Builder(nrow * ncol, 4);
    double fail = (1.0 - c.successRate()) / 2.0;
    for (int row = 0; row < nrow; row++) {
      for (int col = 0; col < ncol; col++) {
        int s = row * ncol + col;
        char letter = desc.get(row).charAt(col);
        if (letter == 'S') {
          b.initialWeight(s, 1.0);
        }
        for (int a = 0; a < 4; a++) {
          if (letter == 'G' || letter == 'H') {
            b.add(s, a, 1.0, s, 0.0, true);
          } else if (c.isSlippery()) {
            for (int d : new int[] {Math.floorMod(a - 1, 4), a, (a + 1) % 4}) {
              addMove(b, c, desc, nrow, ncol, row, col, s, a, d, d == a ? c.successRate() : fail);
            }
          } else {
            addMove(b, c, desc, nrow, ncol, row, col, s, a, a, 1.0);
          }
        }
      }
    }
    return b.build();
  }

  private static void addMove(TransitionTable.Builder b, Config c, List<String> desc, int nrow, int ncol, int row,
      int col, int s, int a, int direction, double prob) {
    int r = row;
    int k = col;
    switch (direction) {
      case LEFT -> k = Math.max(col - 1, 0);
      case DOWN -> r = Math.min(row + 1, nrow - 1);
      case RIGHT -> k = Math.min(col + 1, ncol - 1);
      default -> r = Math.max(row - 1, 0);
    }
    char letter = desc.get(r).charAt(k);
    double reward = switch (letter) {
      case 'G' -> c.rewardSchedule().get(0);
      case 'H' -> c.rewardSchedule().get(1);
      default -> c.rewardSchedule().get(2);
    };
    b.add(s, a, prob, r * ncol + k, reward, letter == 'G' || letter == 'H');
  }

  /**
   * Gymnasium's {@code generate_random_map(size, p)} with an explicit generator: each cell is F with probability
   * {@code p} (else H), drawn row by row as NumPy's {@code choice} does (F when the uniform draw is below p); S at
   * (0, 0), G at the far corner; boards are redrawn until a depth-first search finds a path from S to G
   * ({@code is_valid}). The draws differ from NumPy's PCG64, so the maps differ from Python's for the same seed.
   *
   * @param size the side of the square board (at least 2 for a distinct S and G)
   * @param p the probability that a cell is frozen, capped at 1; must be positive
   */
  public static List<String> generateRandomMap(int size, double p, RandomGenerator rng) {
    if (size < 2) {
      throw new IllegalArgumentException("generateRandomMap size is " + size + "; it must be at least 2");
    }
    if (!(p > 0)) {
      throw new IllegalArgumentException("generateRandomMap p is " + p + "; it must be positive, or no path exists");
    }
    double q = Math.min(1, p);
    while (true) {
      char[][] board = new char[size][size];
      for (int r = 0; r < size; r++) {
        for (int c = 0; c < size; c++) {
          board[r][c] = rng.nextDouble() < q ? 'F' : 'H';
        }
      }
      board[0][0] = 'S';
      board[size - 1][size - 1] = 'G';
      if (isValid(board, size)) {
        List<String> rows = new ArrayList<>();
        for (char[] row : board) {
          rows.add(new String(row));
        }
        return rows;
      }
    }
  }

  /** {@code generateRandomMap(size, p, Rngs.seeded(seed))}. */
  public static List<String> generateRandomMap(int size, double p, long seed) {
    return generateRandomMap(size, p, Rngs.seeded(seed));
  }

  /** Gymnasium's {@code is_valid}: a depth-first search from (0, 0) over non-hole cells reaches a G. */
  static boolean isValid(char[][] board, int maxSize) {
    java.util.ArrayDeque<int[]> frontier = new java.util.ArrayDeque<>();
    boolean[][] discovered = new boolean[maxSize][maxSize];
    frontier.push(new int[] {0, 0});
    int[][] dirs = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    while (!frontier.isEmpty()) {
      int[] rc = frontier.pop();
      if (!discovered[rc[0]][rc[1]]) {
        discovered[rc[0]][rc[1]] = true;
        for (int[] d : dirs) {
          int r = rc[0] + d[0];
          int c = rc[1] + d[1];
          if (r < 0 || r >= maxSize || c < 0 || c >= maxSize) {
            continue;
          }
          if (board[r][c] == 'G') {
            return true;
          }
          if (board[r][c] != 'H') {
            frontier.push(new int[] {r, c});
          }
        }
      }
    }
    return false;
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

  /** The current state (−1 before the first reset). */
  public int state() {
    return walk.state();
  }

  public Config config() {
    return config;
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
   * Gymnasium's {@code render_mode="ansi"} text: a line {@code "  (Left)"} naming the last action (an empty line
   * after reset), then the map with the agent's cell in red highlight ({@code ESC[41m}).
   */
  public String renderAnsi() {
    walk.requireReset();
    StringBuilder out = new StringBuilder();
    int last = walk.lastAction();
    out.append(last >= 0 ? "  (" + ACTION_NAMES.get(last) + ")\n" : "\n");
    int row = walk.state() / ncol;
    int col = walk.state() % ncol;
    for (int r = 0; r < nrow; r++) {
      String line = config.desc().get(r);
      if (r == row) {
        line = line.substring(0, col) + Ansi.colorize(line.substring(col, col + 1), Ansi.RED, false, true)
            + line.substring(col + 1);
      }
      out.append(line).append(r < nrow - 1 ? "\n" : "");
    }
    return out.append('\n').toString();
  }

  @Override
  public GridScene scene() {
    walk.requireReset();
    return new GridScene("frozen_lake", nrow, ncol, config.desc(), walk.state() / ncol, walk.state() % ncol,
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
