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
 * Gymnasium 1.4's {@code Taxi-v4} ({@code gymnasium/envs/toy_text/taxi.py}; Dietterich 2000, the MAXQ paper):
 * drive to the passenger, pick them up, drive to the destination, drop them off.
 *
 * <ul>
 *   <li>Actions {@code Discrete(6)}: 0 south, 1 north, 2 east, 3 west, 4 pickup, 5 dropoff. Observations
 *       {@code Discrete(500)}: {@code ((taxi_row·5 + taxi_col)·5 + passenger)·4 + destination}, passenger 0–3 at
 *       R(0,0), G(0,4), Y(4,0), B(4,3), 4 in the taxi.
 *   <li>Rewards: −1 per step; +20 for the drop-off at the destination (terminates); −10 for a pickup where the
 *       passenger is not, or a drop-off with no passenger or away from the four stops. A drop-off at another stop
 *       leaves the passenger there (−1). Moving into a wall is a −1 no-op.
 *   <li>{@code reset} draws uniformly from the 300 states with the passenger at a stop that is not the destination.
 *       Info: {@code {"prob": p, "action_mask": int[6]}} (1 where the action changes the state).
 *   <li>{@code is_rainy}: a move goes as intended with probability 0.8 and to the left or right of the direction of
 *       travel with 0.1 each (entries in that order: intended, left, right), each outcome checked against walls on
 *       its own.
 *   <li>{@code fickle_passenger}: with probability 0.3 per episode (drawn at reset), the first move of the taxi
 *       with the passenger aboard changes the destination to one of the three others, uniformly. This hidden flag
 *       makes the observation non-Markov, so {@link #transitionModel()} refuses it.
 * </ul>
 */
public final class Taxi implements Env<Integer, Integer>, HasTransitionModel, HasScene {

  /** Gymnasium's {@code MAP}. */
  public static final List<String> MAP = List.of(
      "+---------+",
      "|R: | : :G|",
      "| : | : : |",
      "| : : : : |",
      "| | : | : |",
      "|Y| : |B: |",
      "+---------+");
  /** The four stops R, G, Y, B as {row, col}. */
  private static final int[][] LOCS = {{0, 0}, {0, 4}, {4, 0}, {4, 3}};
  private static final List<String> ACTION_NAMES = List.of("South", "North", "East", "West", "Pickup", "Dropoff");
  /** Left and right of the direction of travel, by action (south, north, east, west). */
  private static final int[] LEFT_OF = {2, 3, 1, 0};
  private static final int[] RIGHT_OF = {3, 2, 0, 1};

  /**
   * @param isRainy moves slip to the left or right of travel with probability 0.1 each
   * @param fickle the passenger may change destination once per episode
   */
  public record Config(boolean isRainy, boolean fickle) {
    public static Config defaults() {
      return new Config(false, false);
    }
  }

  private final Config config;
  private final EnvSpec spec;
  private final TransitionTable table;
  private final TableWalk walk;
  private final Discrete observationSpace = new Discrete(500);
  private final Discrete actionSpace = new Discrete(6);
  private boolean fickleStep;

  public Taxi(Config config) {
    this(config, EnvSpec.of("Taxi-v4", false));
  }

  public Taxi(Config config, EnvSpec spec) {
    this.config = config;
    this.spec = spec;
    TransitionTable.Builder b = new TransitionTable.Builder(500, 6);
    for (int row = 0; row < 5; row++) {
      for (int col = 0; col < 5; col++) {
        for (int pass = 0; pass < 5; pass++) {
          for (int dest = 0; dest < 4; dest++) {
            int st = encode(row, col, pass, dest);
            if (pass < 4 && pass != dest) {
              b.initialWeight(st, 1);
            }
            for (int a = 0; a < 6; a++) {
              if (config.isRainy() && a <= 3) {
                addRainyMove(b, st, row, col, pass, dest, a);
              } else {
                addDry(b, st, row, col, pass, dest, a);
              }
            }
          }
        }
      }
    }
    this.table = b.build();
    this.walk = new TableWalk(spec.id(), table, actionSpace);
  }

  /** {@code ((taxiRow·5 + taxiCol)·5 + passenger)·4 + destination}. */
  public static int encode(int taxiRow, int taxiCol, int passenger, int destination) {
    return ((taxiRow * 5 + taxiCol) * 5 + passenger) * 4 + destination;
  }

  /** The inverse of {@link #encode}: {taxiRow, taxiCol, passenger, destination}. */
  public static int[] decode(int state) {
    if (state < 0 || state >= 500) {
      throw new IllegalArgumentException("Taxi state " + state + " is outside 0..499");
    }
    int dest = state % 4;
    int i = state / 4;
    int pass = i % 5;
    i /= 5;
    return new int[] {i / 5, i % 5, pass, dest};
  }

  private static boolean passable(int row, int mapCol) {
    return MAP.get(1 + row).charAt(mapCol) == ':';
  }

  /** Where a move in {@code dir} from (row, col) lands: walls and the border stop it. */
  private static int[] move(int row, int col, int dir) {
    return switch (dir) {
      case 0 -> new int[] {Math.min(row + 1, 4), col};
      case 1 -> new int[] {Math.max(row - 1, 0), col};
      case 2 -> new int[] {row, passable(row, 2 * col + 2) ? Math.min(col + 1, 4) : col};
      default -> new int[] {row, passable(row, 2 * col) ? Math.max(col - 1, 0) : col};
    };
  }

  private static int stopAt(int row, int col) {
    for (int i = 0; i < 4; i++) {
      if (LOCS[i][0] == row && LOCS[i][1] == col) {
        return i;
      }
    }
    return -1;
  }

  /** Gymnasium's {@code _build_dry_transitions}: one entry with probability 1. */
  private static void addDry(TransitionTable.Builder b, int st, int row, int col, int pass, int dest, int a) {
    int newRow = row;
    int newCol = col;
    int newPass = pass;
    double reward = -1;
    boolean terminated = false;
    if (a <= 3) {
      int[] rc = move(row, col, a);
      newRow = rc[0];
      newCol = rc[1];
    } else if (a == 4) {
      if (pass < 4 && LOCS[pass][0] == row && LOCS[pass][1] == col) {
        newPass = 4;
      } else {
        reward = -10;
      }
    } else {
      int stop = stopAt(row, col);
      if (pass == 4 && stop == dest) {
        newPass = dest;
        terminated = true;
        reward = 20;
      } else if (pass == 4 && stop >= 0) {
        newPass = stop;
      } else {
        reward = -10;
      }
    }
    b.add(st, a, 1.0, encode(newRow, newCol, newPass, dest), reward, terminated);
  }

  /** Rainy move: intended 0.8, left of travel 0.1, right of travel 0.1, each blocked by walls on its own. */
  private static void addRainyMove(TransitionTable.Builder b, int st, int row, int col, int pass, int dest, int a) {
    int[] ahead = move(row, col, a);
    int[] left = move(row, col, LEFT_OF[a]);
    int[] right = move(row, col, RIGHT_OF[a]);
    b.add(st, a, 0.8, encode(ahead[0], ahead[1], pass, dest), -1, false);
    b.add(st, a, 0.1, encode(left[0], left[1], pass, dest), -1, false);
    b.add(st, a, 0.1, encode(right[0], right[1], pass, dest), -1, false);
  }

  /** Gymnasium's {@code action_mask(state)}: 1 where the action changes the state. */
  public static int[] actionMask(int state) {
    int[] d = decode(state);
    int row = d[0];
    int col = d[1];
    int pass = d[2];
    int dest = d[3];
    int[] mask = new int[6];
    mask[0] = row < 4 ? 1 : 0;
    mask[1] = row > 0 ? 1 : 0;
    mask[2] = col < 4 && passable(row, 2 * col + 2) ? 1 : 0;
    mask[3] = col > 0 && passable(row, 2 * col) ? 1 : 0;
    mask[4] = pass < 4 && LOCS[pass][0] == row && LOCS[pass][1] == col ? 1 : 0;
    int stop = stopAt(row, col);
    mask[5] = pass == 4 && (stop == dest || stop >= 0) ? 1 : 0;
    return mask;
  }

  @Override
  public Reset<Integer> reset(OptionalLong seed, Map<String, Object> options) {
    int s = walk.reset(seed);
    fickleStep = config.fickle() && walk.rng().nextDouble() < 0.3;
    return new Reset<>(s, Map.of("prob", 1.0, "action_mask", actionMask(s)));
  }

  @Override
  public Step<Integer> step(Integer action) {
    int[] before = walk.state() >= 0 ? decode(walk.state()) : null;
    Transition t = walk.step(action);
    int next = t.next();
    int[] after = decode(next);
    // The fickle passenger: on the first move with the passenger aboard, maybe a new destination.
    if (config.fickle() && fickleStep && before[2] == 4 && (after[0] != before[0] || after[1] != before[1])) {
      fickleStep = false;
      int k = walk.rng().nextInt(3);
      int newDest = k < before[3] ? k : k + 1; // the k-th of the destinations other than the old one
      next = encode(after[0], after[1], after[2], newDest);
      walk.moveTo(next);
    }
    return new Step<>(next, t.reward(), t.terminated(), false, Map.of("prob", t.prob(), "action_mask",
        actionMask(next)));
  }

  public Config config() {
    return config;
  }

  /** The current state (−1 before the first reset). */
  public int state() {
    return walk.state();
  }

  /** Gymnasium's {@code P}: the table {@code step} samples from. */
  public TransitionTable transitions() {
    return table;
  }

  /**
   * The exact model of the dry or rainy taxi.
   *
   * @throws IllegalStateException with {@code fickle_passenger}, whose dynamics depend on a hidden per-episode flag
   */
  @Override
  public FiniteMdp transitionModel() {
    if (config.fickle()) {
      throw new IllegalStateException(spec.id() + " with fickle_passenger=true has no finite model over its 500 "
          + "observations (a hidden per-episode flag decides the destination change); make it with "
          + "fickle_passenger=false to solve it exactly");
    }
    return walk.model();
  }

  /**
   * Gymnasium's {@code render_mode="ansi"} text: the map with the empty taxi in yellow highlight (the waiting
   * passenger's stop in bold blue) or the full taxi in green highlight ({@code _} on a blank cell), the
   * destination in magenta, then {@code "  (South)"} naming the last action (an empty line after reset).
   */
  public String renderAnsi() {
    walk.requireReset();
    return ansi(walk.state(), walk.lastAction());
  }

  /** The ansi text of {@link #renderAnsi()} for any state and last action (−1 for none, as after a reset). */
  public static String ansi(int state, int lastAction) {
    String[][] out = new String[MAP.size()][];
    for (int r = 0; r < MAP.size(); r++) {
      out[r] = MAP.get(r).chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
    }
    int[] d = decode(state);
    int tr = 1 + d[0];
    int tc = 2 * d[1] + 1;
    if (d[2] < 4) {
      out[tr][tc] = Ansi.colorize(out[tr][tc], Ansi.YELLOW, false, true);
      int pi = 1 + LOCS[d[2]][0];
      int pj = 2 * LOCS[d[2]][1] + 1;
      out[pi][pj] = Ansi.colorize(out[pi][pj], Ansi.BLUE, true, false);
    } else {
      out[tr][tc] = Ansi.colorize(" ".equals(out[tr][tc]) ? "_" : out[tr][tc], Ansi.GREEN, false, true);
    }
    int di = 1 + LOCS[d[3]][0];
    int dj = 2 * LOCS[d[3]][1] + 1;
    out[di][dj] = Ansi.colorize(out[di][dj], Ansi.MAGENTA, false, false);
    StringBuilder b = new StringBuilder();
    for (String[] row : out) {
      b.append(String.join("", row)).append('\n');
    }
    b.append(lastAction >= 0 ? "  (" + ACTION_NAMES.get(lastAction) + ")\n" : "\n");
    return b.toString();
  }

  @Override
  public TaxiScene scene() {
    walk.requireReset();
    int[] d = decode(walk.state());
    return new TaxiScene(MAP, d[0], d[1], d[2], d[3],
        walk.lastActionIfAny(), List.of(LOCS));
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
