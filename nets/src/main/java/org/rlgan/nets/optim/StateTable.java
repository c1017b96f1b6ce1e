package org.rlgan.nets.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;

/**
 * Per-parameter optimizer state (a step count and named arrays), keyed by tensor identity, with the export
 * and import that {@link Optimizer#state} and {@link Optimizer#loadState} describe. Held by each optimizer
 * (composition); the update arithmetic stays in the optimizers.
 */
final class StateTable {
  static final String ITERATIONS = "iterations";
  static final String STEP = "step";

  /** One parameter's state. Slot arrays have the parameter's shape and data type. */
  static final class Entry {
    /** Updates this parameter has received (PyTorch's per-parameter {@code state["step"]}). */
    long step;
    private final Map<String, INDArray> slots = new LinkedHashMap<>();

    INDArray slot(String name) {
      INDArray a = slots.get(name);
      if (a == null) {
        throw new IllegalStateException("no state slot '" + name + "' (have " + slots.keySet() + ")");
      }
      return a;
    }
  }

  /** A parameter and its gradient, cast to the parameter's data type when it differs. */
  record Grad(Tensor param, INDArray grad) {}

  private final String owner;
  private final List<String> slotNames;
  private final double[] initialValues;
  private Map<Tensor, Entry> entries = new IdentityHashMap<>();

  /**
   * @param owner the optimizer's name, for messages
   * @param slotNames the arrays each parameter gets, in export order
   * @param initialValues the value each slot is filled with at creation, one per slot
   */
  StateTable(String owner, List<String> slotNames, double[] initialValues) {
    if (slotNames.size() != initialValues.length) {
      throw new IllegalArgumentException(slotNames.size() + " slots but " + initialValues.length + " initial values");
    }
    this.owner = owner;
    this.slotNames = List.copyOf(slotNames);
    this.initialValues = initialValues.clone();
  }

  /** The parameter's state, created (slots filled with their initial values) at its first update. */
  Entry entry(Tensor p) {
    return entries.computeIfAbsent(p, t -> {
      Entry e = new Entry();
      for (int i = 0; i < slotNames.size(); i++) {
        e.slots.put(slotNames.get(i), t.value().ulike().assign(initialValues[i]));
      }
      return e;
    });
  }

  /**
   * The parameters that have a gradient, in order, each checked: no parameter twice, gradient shape equal
   * to the parameter's. A gradient of another data type is cast (a copy); otherwise it is the live array,
   * which the optimizers only read.
   */
  List<Grad> gradients(List<Tensor> params) {
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Grad> out = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (p == null) {
        throw new IllegalArgumentException(owner + ": parameter #" + i + " is null");
      }
      if (!seen.add(p)) {
        throw new IllegalArgumentException(owner + ": " + describe(p, i) + " appears twice in the parameter list; "
            + "it would be updated twice per step");
      }
      INDArray g = p.grad();
      if (g == null) {
        continue;
      }
      if (!Arrays.equals(g.shape(), p.shape())) {
        throw new IllegalArgumentException(owner + ": the gradient of " + describe(p, i) + " has shape "
            + Arrays.toString(g.shape()) + ", expected " + Arrays.toString(p.shape()));
      }
      out.add(new Grad(p, g.dataType() == p.dataType() ? g : g.castTo(p.dataType())));
    }
    return out;
  }

  Map<String, INDArray> export(Map<String, Tensor> named, long iterations) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put(ITERATIONS, Nd4j.scalar(DataType.INT64, iterations));
    List<String> keys = keys(named);
    List<Tensor> params = new ArrayList<>(named.values());
    for (int i = 0; i < params.size(); i++) {
      Entry e = entries.get(params.get(i));
      String k = keys.get(i);
      out.put(k + "/" + STEP, Nd4j.scalar(DataType.INT64, e == null ? 0 : e.step));
      if (e != null) {
        for (Map.Entry<String, INDArray> s : e.slots.entrySet()) {
          out.put(k + "/" + s.getKey(), s.getValue().dup('c'));
        }
      }
    }
    return out;
  }

  /** Validates the whole map, then replaces the state; returns the stored iteration count. */
  long load(Map<String, Tensor> named, Map<String, INDArray> state) {
    Check.notNull(owner + ".loadState state", state);
    List<String> keys = keys(named);
    List<Tensor> params = new ArrayList<>(named.values());
    Set<String> known = new TreeSet<>();
    known.add(ITERATIONS);
    long iterations = count(state, ITERATIONS);
    Map<Tensor, Entry> fresh = new IdentityHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      String k = keys.get(i);
      known.add(k + "/" + STEP);
      slotNames.forEach(s -> known.add(k + "/" + s));
      long step = count(state, k + "/" + STEP);
      if (step == 0) {
        continue; // never updated: its state is created at its first update, as in a fresh optimizer
      }
      Entry e = new Entry();
      e.step = step;
      for (String s : slotNames) {
        String key = k + "/" + s;
        INDArray a = state.get(key);
        if (a == null) {
          throw new IllegalArgumentException(owner + ".loadState: missing key '" + key + "' for "
              + describe(p, i) + " (its step count is " + step + "); keys present: " + new TreeSet<>(state.keySet()));
        }
        if (!Arrays.equals(a.shape(), p.shape())) {
          throw new IllegalArgumentException(owner + ".loadState: '" + key + "' has shape "
              + Arrays.toString(a.shape()) + " but " + describe(p, i) + " has shape " + Arrays.toString(p.shape()));
        }
        e.slots.put(s, a.castTo(p.dataType()).dup('c'));
      }
      fresh.put(p, e);
    }
    Set<String> unexpected = new TreeSet<>(state.keySet());
    unexpected.removeAll(known);
    if (!unexpected.isEmpty()) {
      throw new IllegalArgumentException(owner + ".loadState: unexpected keys " + unexpected + " (state of another "
          + "optimizer configuration or other parameters?); expected keys among " + known);
    }
    entries = fresh;
    return iterations;
  }

  private long count(Map<String, INDArray> state, String key) {
    INDArray a = state.get(key);
    if (a == null) {
      throw new IllegalArgumentException(owner + ".loadState: missing key '" + key + "'; keys present: "
          + new TreeSet<>(state.keySet()));
    }
    if (a.length() != 1) {
      throw new IllegalArgumentException(owner + ".loadState: '" + key + "' must be a one-element count, got shape "
          + Arrays.toString(a.shape()));
    }
    double v = a.getDouble(0);
    if (!(v >= 0) || v != Math.rint(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(owner + ".loadState: '" + key + "' = " + v
          + " is invalid: it must be an integer >= 0");
    }
    return a.getLong(0);
  }

  /** Export names: the map's keys, in its order; each must be non-empty. */
  private List<String> keys(Map<String, Tensor> named) {
    Check.notNull(owner + " parameters", named);
    List<String> keys = new ArrayList<>(named.size());
    int i = 0;
    for (Map.Entry<String, Tensor> e : named.entrySet()) {
      Check.notNull(owner + " parameter '" + e.getKey() + "'", e.getValue());
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new IllegalArgumentException(owner + ": parameter #" + i + " has an empty name");
      }
      keys.add(e.getKey());
      i++;
    }
    return keys;
  }

  private static String describe(Tensor p, int index) {
    return (p.name() != null ? "parameter '" + p.name() + "'" : "unnamed parameter #" + index) + " "
        + Arrays.toString(p.shape());
  }
}
