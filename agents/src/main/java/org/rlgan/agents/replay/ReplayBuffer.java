package org.rlgan.agents.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.agents.DqnConfig;
import org.rlgan.nets.io.Npz;

/**
 * A circular experience-replay memory over primitive arrays (Lin 1992; Mnih et al. 2015), oldest transition
 * overwritten first, with uniform sampling or, when given a {@link DqnConfig.Prioritized} option, proportional
 * prioritized sampling (Schaul et al. 2016): P(i) = p_i^α / Σ_k p_k^α, new transitions at the largest priority
 * seen so far, stratified draws (one uniform per equal slice of the total), importance weights
 * w_i = (N·P(i))^−β / max_j w_j.
 *
 * <p>Each slot stores what the target needs: (s, a, R, s', discount) with discount = γ^k or 0 after termination,
 * so n-step returns and truncation are settled when the transition is added ({@link NStepAccumulator}).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int width;
  private final DqnConfig.Prioritized per;
  private final float[] obs;
  private final float[] nextObs;
  private final int[] actions;
  private final float[] rewards;
  private final float[] discounts;
  private final SumTree tree; // p_i^α, or null when uniform
  private int pos;
  private int size;
  private double maxPriority = 1.0; // of |δ| + ε, before the exponent

  /**
   * @param width values per observation
   * @param prioritized null for uniform sampling
   */
  public ReplayBuffer(int capacity, int width, DqnConfig.Prioritized prioritized) {
    if (capacity < 1 || width < 1) {
      throw new IllegalArgumentException("replay capacity " + capacity + " and width " + width + " must be ≥ 1");
    }
    long cells = (long) capacity * width;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("replay capacity " + capacity + " × observation width " + width
          + " exceeds a Java array; lower replay.capacity");
    }
    this.capacity = capacity;
    this.width = width;
    this.per = prioritized;
    this.obs = new float[(int) cells];
    this.nextObs = new float[(int) cells];
    this.actions = new int[capacity];
    this.rewards = new float[capacity];
    this.discounts = new float[capacity];
    this.tree = prioritized == null ? null : new SumTree(capacity);
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public int width() {
    return width;
  }

  public boolean prioritized() {
    return tree != null;
  }

  /** Stores one transition (arrays copied from the given offsets); returns its slot. */
  public int add(float[] s, int sOffset, int a, double reward, float[] s2, int s2Offset, double discount) {
    int i = pos;
    System.arraycopy(s, sOffset, obs, i * width, width);
    System.arraycopy(s2, s2Offset, nextObs, i * width, width);
    actions[i] = a;
    rewards[i] = (float) reward;
    discounts[i] = (float) discount;
    if (tree != null) {
      tree.set(i, Math.pow(maxPriority, per.alpha()));
    }
    pos = (pos + 1) % capacity;
    size = Math.min(size + 1, capacity);
    return i;
  }

  /**
   * Draws n transitions with replacement: uniformly, or by priority with importance weights for exponent β.
   *
   * @param beta the importance-sampling exponent (ignored when uniform)
   */
  public Batch sample(int n, double beta, RandomGenerator rng) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    int[] idx = new int[n];
    float[] w = new float[n];
    if (tree == null) {
      for (int k = 0; k < n; k++) {
        idx[k] = rng.nextInt(size);
      }
      Arrays.fill(w, 1f);
    } else {
      double total = tree.total();
      double slice = total / n;
      // max_j w_j belongs to the smallest priority: (N · p_min / total)^−β
      double maxW = Math.pow(size * tree.min() / total, -beta);
      for (int k = 0; k < n; k++) {
        double u = Math.min(slice * (k + rng.nextDouble()), Math.nextDown(total));
        int i = tree.find(u);
        idx[k] = i;
        w[k] = (float) (Math.pow(size * tree.get(i) / total, -beta) / maxW);
      }
    }
    return gather(idx, w);
  }

  /** The transitions in the given slots, weights 1 (for tests and inspection). */
  public Batch get(int... slots) {
    float[] w = new float[slots.length];
    Arrays.fill(w, 1f);
    return gather(slots.clone(), w);
  }

  private Batch gather(int[] idx, float[] w) {
    int n = idx.length;
    float[] s = new float[n * width];
    float[] s2 = new float[n * width];
    long[] a = new long[n];
    float[] r = new float[n];
    float[] d = new float[n];
    for (int k = 0; k < n; k++) {
      int i = idx[k];
      System.arraycopy(obs, i * width, s, k * width, width);
      System.arraycopy(nextObs, i * width, s2, k * width, width);
      a[k] = actions[i];
      r[k] = rewards[i];
      d[k] = discounts[i];
    }
    return new Batch(s, a, r, s2, d, w, idx);
  }

  /** Prioritized replay: p_i ← (|δ_i| + ε)^α for the sampled slots. Does nothing when uniform. */
  public void updatePriorities(int[] slots, double[] absTdErrors) {
    if (tree == null) {
      return;
    }
    for (int k = 0; k < slots.length; k++) {
      double p = Math.abs(absTdErrors[k]) + per.epsilon();
      maxPriority = Math.max(maxPriority, p);
      tree.set(slots[k], Math.pow(p, per.alpha()));
    }
  }

  /** The priority p_i^α of a slot (prioritized only). */
  public double priority(int slot) {
    return tree == null ? 1.0 : tree.get(slot);
  }

  /** Writes the whole memory (contents, write position, priorities) to an npz archive. */
  public void save(Path npz) throws IOException {
    int rows = Math.max(size, 1);
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put("obs", Nd4j.createFromArray(Arrays.copyOf(obs, rows * width)).reshape(rows, width));
    m.put("next_obs", Nd4j.createFromArray(Arrays.copyOf(nextObs, rows * width)).reshape(rows, width));
    m.put("actions", Nd4j.createFromArray(Arrays.copyOf(actions, rows)));
    m.put("rewards", Nd4j.createFromArray(Arrays.copyOf(rewards, rows)));
    m.put("discounts", Nd4j.createFromArray(Arrays.copyOf(discounts, rows)));
    m.put("meta", Nd4j.createFromArray(new long[] {capacity, width, pos, size}));
    if (tree != null) {
      m.put("priorities", Nd4j.createFromArray(Arrays.copyOf(tree.leaves(), rows)));
      m.put("max_priority", Nd4j.createFromArray(new double[] {maxPriority}));
    }
    Npz.write(npz, m);
  }

  /** Restores a memory written by {@link #save} into this (empty or not) buffer of the same capacity and width. */
  public void load(Path npz) throws IOException {
    Map<String, INDArray> m = Npz.read(npz);
    long[] meta = m.get("meta").toLongVector();
    if (meta[0] != capacity || meta[1] != width) {
      throw new IllegalArgumentException(npz + " holds a replay buffer of capacity " + meta[0] + " and width "
          + meta[1] + "; this one has " + capacity + " and " + width);
    }
    if ((tree != null) != m.containsKey("priorities")) {
      throw new IllegalArgumentException(npz + " is a " + (tree == null ? "prioritized" : "uniform")
          + " replay buffer; this one is not");
    }
    int n = (int) meta[3];
    int rows = Math.max(n, 1);
    System.arraycopy(m.get("obs").reshape(-1).toFloatVector(), 0, obs, 0, n * width);
    System.arraycopy(m.get("next_obs").reshape(-1).toFloatVector(), 0, nextObs, 0, n * width);
    System.arraycopy(m.get("actions").toIntVector(), 0, actions, 0, n);
    System.arraycopy(m.get("rewards").toFloatVector(), 0, rewards, 0, n);
    System.arraycopy(m.get("discounts").toFloatVector(), 0, discounts, 0, n);
    pos = (int) meta[2];
    size = n;
    if (tree != null) {
      double[] p = m.get("priorities").toDoubleVector();
      for (int i = 0; i < n && i < rows; i++) {
        tree.set(i, p[i]);
      }
      maxPriority = m.get("max_priority").toDoubleVector()[0];
    }
  }
}
