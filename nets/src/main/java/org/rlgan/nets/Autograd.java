package org.rlgan.nets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reverse-mode differentiation over the tape that {@link Ops} records.
 *
 * <p>Every backward rule is itself written with {@link Ops}. With {@code createGraph = true} the backward
 * pass is recorded like any forward computation, so a gradient can be differentiated again: this is how
 * the WGAN-GP and R1 penalties get d/dθ of ‖∇ₓD(x)‖ (see {@code AutogradTest#gradientPenaltyDoubleBackward}).
 *
 * <p>Recording is per thread and on by default; {@link #noGrad()} turns it off for a scope (target
 * networks, evaluation, optimizer arithmetic).
 */
public final class Autograd {
  private static final ThreadLocal<boolean[]> RECORDING = ThreadLocal.withInitial(() -> new boolean[] {true});
  /** The tensors whose gradients the pass running on this thread needs; null: every one that requires one. */
  @SuppressWarnings("unchecked")
  private static final ThreadLocal<Set<Tensor>[]> NEEDED = ThreadLocal.withInitial(() -> new Set[1]);

  private Autograd() {}

  /** Whether operations on this thread are being recorded. */
  public static boolean isRecording() {
    return RECORDING.get()[0];
  }

  /** A scope in which nothing is recorded; restores the previous setting on close. */
  public static Scope noGrad() {
    return setRecording(false);
  }

  /** A scope with recording switched on or off; restores the previous setting on close. */
  public static Scope setRecording(boolean on) {
    boolean[] flag = RECORDING.get();
    boolean previous = flag[0];
    flag[0] = on;
    return () -> flag[0] = previous;
  }

  /** A try-with-resources scope that needs no checked exception. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Back-propagates from a one-element {@code output} and adds the gradient into {@link Tensor#grad()}
   * of every leaf that requires one. Nothing of the backward pass is recorded.
   */
  public static void backward(Tensor output) {
    requireScalar(output);
    accumulateIntoLeaves(propagate(List.of(output), List.of(onesLike(output)), false, true, null), null);
  }

  /**
   * Back-propagates from a one-element {@code output} into the given leaves only (PyTorch's
   * {@code loss.backward(inputs=...)}): their gradients are added into {@link Tensor#grad()}, every other leaf's
   * {@code grad()} is left alone, and no gradient that cannot reach one of them is computed. A GAN's generator step
   * passes G's parameters: the gradient flows back through D's layers to G, but D's weight gradients (a third of
   * a convolution's backward) are skipped. The gradients computed are identical, bit for bit, to those of
   * {@link #backward(Tensor)}. Nothing of the backward pass is recorded.
   *
   * @param leaves leaves that require gradients (parameters, or variables)
   * @throws IllegalArgumentException when one of {@code leaves} is not a leaf or does not require a gradient
   */
  public static void backward(Tensor output, Collection<Tensor> leaves) {
    requireScalar(output);
    Set<Tensor> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Tensor t : leaves) {
      if (!t.isLeaf() || !t.requiresGrad()) {
        throw new IllegalArgumentException("backward(output, leaves): " + t.describe() + " is not a leaf that requires"
            + " a gradient; pass parameters (Layer.parameters()) or Tensor.variable(...)s");
      }
      wanted.add(t);
    }
    accumulateIntoLeaves(propagate(List.of(output), List.of(onesLike(output)), false, true, wanted), wanted);
  }

  /**
   * Frees the memory of every intermediate result recorded in the graphs of {@code roots} (the roots included), for
   * a training loop that is done with a step: call it after the optimizer steps, with the step's losses. PyTorch
   * frees these arrays when their last reference goes; on ND4J's CPU backend their native memory otherwise waits
   * for the garbage collector, which the JVM runs by its heap's needs, not by native memory's: a DCGAN step leaves
   * about 60 MB behind, the process grows by gigabytes between collections, and every new array lands on fresh
   * pages. Released arrays go back to {@link Kernels#allocate}'s pool (or are closed), to be reused by the next
   * step.
   *
   * <p>What is freed: the arrays of the computed (non-leaf) tensors reachable from the roots through recorded
   * operations. Never the arrays of leaves (parameters, constants, inputs, {@link Tensor#detach() detached}
   * tensors) or anything sharing their memory, nor gradients held in {@link Tensor#grad()}. Every released tensor
   * is marked: reading its {@link Tensor#value()} or {@link Tensor#item()} afterwards throws. So read what you
   * need first, and do not release a graph that another computation still has to differentiate through.
   */
  public static void release(Tensor... roots) {
    List<Tensor> computed = new ArrayList<>();
    Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Long> kept = new HashSet<>();
    ArrayDeque<Tensor> stack = new ArrayDeque<>();
    for (Tensor r : roots) {
      if (r != null && visited.add(r)) {
        stack.push(r);
      }
    }
    while (!stack.isEmpty()) {
      Tensor t = stack.pop();
      Node node = t.node();
      keep(kept, t.grad());
      if (node == null) {
        keep(kept, t.value());
        continue;
      }
      computed.add(t);
      for (Tensor in : node.inputs()) {
        if (visited.add(in)) {
          stack.push(in);
        }
      }
    }
    Set<Long> freed = new HashSet<>();
    for (Tensor t : computed) {
      INDArray a = t.value();
      t.markReleased();
      if (a.isView() || a.isEmpty()) {
        continue; // a view's memory belongs to its base, released (or kept) through that
      }
      long address = base(a);
      if (address != 0 && !kept.contains(address) && freed.add(address) && !Kernels.recycle(a) && a.closeable()) {
        a.close();
      }
    }
  }

  private static void keep(Set<Long> kept, INDArray a) {
    if (a != null && !a.isEmpty()) {
      kept.add(base(a));
    }
  }

  /** The native address of the memory under a's buffer (of the buffer a view was cut from, for a view). */
  private static long base(INDArray a) {
    DataBuffer d = a.data();
    DataBuffer original = d.originalDataBuffer();
    return (original != null ? original : d).address();
  }

  /** Adds a pass's gradients into the leaves' {@code grad()} (only those in {@code only} when it is not null). */
  private static void accumulateIntoLeaves(Map<Tensor, Tensor> grads, Set<Tensor> only) {
    // The gradient arrays of an unrecorded backward pass are new and referenced only by `grads`, so a leaf can
    // own its gradient without a copy, unless the same array reached another leaf too (add passes g through
    // to both of its inputs): the second leaf gets a copy.
    List<INDArray> handedOut = new ArrayList<>();
    for (Map.Entry<Tensor, Tensor> e : grads.entrySet()) {
      Tensor t = e.getKey();
      if (t.isLeaf() && t.requiresGrad() && (only == null || only.contains(t))) {
        INDArray g = e.getValue().value();
        if (t.grad() == null) {
          t.setGrad(containsIdentical(handedOut, g) ? Kernels.dup(g) : g);
          handedOut.add(g);
        } else {
          Kernels.addInPlace(t.grad(), g);
        }
      }
    }
  }

  /**
   * Whether the backward pass running on this thread wants the gradient of {@code t}: t requires a gradient and,
   * when the pass was asked for particular tensors ({@link #grad}, {@link #backward(Tensor, Collection)}), some of
   * them depend on t. Backward rules ask this instead of {@link Tensor#requiresGrad()} so that they skip the
   * gradients nobody asked for (a weight gradient on the way to an input gradient). Outside a pass it is
   * {@code t.requiresGrad()}.
   */
  static boolean needsGrad(Tensor t) {
    if (!t.requiresGrad()) {
      return false;
    }
    Set<Tensor> needed = NEEDED.get()[0];
    return needed == null || needed.contains(t);
  }

  private static boolean containsIdentical(List<INDArray> arrays, INDArray a) {
    for (INDArray x : arrays) {
      if (x == a) {
        return true;
      }
    }
    return false;
  }

  /**
   * The gradients of a one-element {@code output} with respect to {@code inputs} (zeros for an input the
   * output does not depend on). Leaves' {@link Tensor#grad()} is left alone.
   *
   * @param createGraph record the backward pass, so the returned gradients can be differentiated again
   */
  public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
    requireScalar(output);
    return grad(List.of(output), List.of(onesLike(output)), inputs, createGraph, true);
  }

  /**
   * Vector-Jacobian products: the gradients of Σᵢ ⟨outputsᵢ, gradOutputsᵢ⟩ with respect to {@code inputs}.
   */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
      boolean createGraph) {
    return grad(outputs, gradOutputs, inputs, createGraph, false);
  }

  private static List<Tensor> grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
      boolean createGraph, boolean ownSeeds) {
    Set<Tensor> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
    wanted.addAll(inputs);
    Map<Tensor, Tensor> grads = propagate(outputs, gradOutputs, createGraph, ownSeeds, wanted);
    List<Tensor> result = new ArrayList<>(inputs.size());
    for (Tensor in : inputs) {
      Tensor g = grads.get(in);
      result.add(g != null ? g : Tensor.constant(Kernels.full(in.dataType(), in.shape(), 0.0)));
    }
    return result;
  }

  /**
   * The backward pass. Returns the gradients of the tensors in {@code wanted} (of every leaf that requires one
   * when {@code wanted} is null), and, when the pass is recorded, of every tensor it reached.
   *
   * <p>An unrecorded pass frees each intermediate gradient as soon as the node that consumes it has been
   * expanded (its memory goes back to {@link Kernels#recycle}'s pool, or {@link INDArray#close()}): on the CPU
   * backend ND4J returns native memory only after the garbage
   * collector has found the array unreachable, so a training loop otherwise leaves hundreds of megabytes of
   * dead buffers behind between collections and every new array lands on fresh pages. Only arrays this pass
   * created are freed, and only once no gradient entry refers to them any more (a backward rule may pass its
   * incoming gradient through, as add and sumTo do), never the caller's output gradients (unless
   * {@code ownSeeds}), nor the gradients returned. This relies on a rule of {@link Ops}: a backward rule
   * returns new arrays or its incoming gradient itself, never a view of an array.
   */
  private static Map<Tensor, Tensor> propagate(List<Tensor> outputs, List<Tensor> gradOutputs,
      boolean createGraph, boolean ownSeeds, Set<Tensor> wanted) {
    if (outputs.size() != gradOutputs.size()) {
      throw new IllegalArgumentException(outputs.size() + " outputs but " + gradOutputs.size() + " output gradients");
    }
    List<Tensor> order = topologicalOrder(outputs);
    Set<Tensor> needed = wanted == null ? null : neededFor(order, wanted);
    Map<Tensor, Tensor> grads = new IdentityHashMap<>();
    Release release = createGraph ? null : new Release();
    for (int i = 0; i < outputs.size(); i++) {
      Tensor out = outputs.get(i);
      Tensor g = gradOutputs.get(i);
      if (!java.util.Arrays.equals(out.shape(), g.shape())) {
        throw new IllegalArgumentException("output gradient " + java.util.Arrays.toString(g.shape())
            + " does not match output " + out.describe());
      }
      if (release != null && !ownSeeds) {
        release.keep(g.value());
      }
      accumulate(grads, out, g, release);
    }
    Set<Tensor>[] neededSlot = NEEDED.get();
    Set<Tensor> outerNeeded = neededSlot[0]; // a backward rule may run a pass of its own (viaComposite)
    neededSlot[0] = needed;
    try (Scope ignored = setRecording(createGraph)) {
      // Reverse topological order: a tensor's gradient is complete before its node is expanded.
      for (int i = order.size() - 1; i >= 0; i--) {
        Tensor t = order.get(i);
        Tensor g = grads.get(t);
        Node node = t.node();
        if (g == null || node == null) {
          continue;
        }
        Tensor[] inputs = node.inputs();
        if (needed == null || anyIn(inputs, needed)) {
          Tensor[] inGrads = node.backward().apply(g);
          for (int k = 0; k < inputs.length; k++) {
            if (inGrads[k] == null) {
              continue;
            }
            if (needsGrad(inputs[k])) {
              accumulate(grads, inputs[k], inGrads[k], release);
            } else if (release != null) {
              release.dropIfFree(inGrads[k].value());
            }
          }
        }
        if (release != null && !(wanted != null ? wanted.contains(t) : t.isLeaf())) {
          grads.remove(t);
          release.drop(g.value());
        }
      }
    } finally {
      neededSlot[0] = outerNeeded;
    }
    return grads;
  }

  /** The tensors of {@code order} (inputs before results) that are wanted or that a wanted one depends on. */
  private static Set<Tensor> neededFor(List<Tensor> order, Set<Tensor> wanted) {
    Set<Tensor> needed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Tensor t : order) {
      if (wanted.contains(t) || (t.node() != null && anyIn(t.node().inputs(), needed))) {
        needed.add(t);
      }
    }
    return needed;
  }

  private static boolean anyIn(Tensor[] tensors, Set<Tensor> set) {
    for (Tensor t : tensors) {
      if (set.contains(t)) {
        return true;
      }
    }
    return false;
  }

  private static void accumulate(Map<Tensor, Tensor> grads, Tensor t, Tensor g, Release release) {
    Tensor prev = grads.get(t);
    Tensor sum = prev == null ? g : Ops.add(prev, g);
    grads.put(t, sum);
    if (release != null) {
      release.hold(sum.value());
      if (prev != null) {
        release.drop(prev.value());
        release.dropIfFree(g.value());
      }
    }
  }

  /** Identity reference counts of the gradient arrays a pass holds; see {@link #propagate}. */
  private static final class Release {
    private final IdentityHashMap<INDArray, int[]> held = new IdentityHashMap<>();
    private final Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Never free this array (it belongs to the caller). */
    void keep(INDArray a) {
      kept.add(a);
    }

    void hold(INDArray a) {
      int[] c = held.get(a);
      if (c == null) {
        held.put(a, new int[] {1});
      } else {
        c[0]++;
      }
    }

    void drop(INDArray a) {
      int[] c = held.get(a);
      if (c != null && --c[0] == 0) {
        held.remove(a);
        free(a);
      }
    }

    /** Frees an array that no entry holds (a gradient that was added into another, or not needed at all). */
    void dropIfFree(INDArray a) {
      if (!held.containsKey(a)) {
        free(a);
      }
    }

    private void free(INDArray a) {
      if (!kept.contains(a) && !Kernels.recycle(a) && a.closeable()) {
        a.close();
      }
    }
  }

  /** Tensors reachable from the outputs through recorded nodes, each after all of its inputs. */
  private static List<Tensor> topologicalOrder(List<Tensor> outputs) {
    List<Tensor> order = new ArrayList<>();
    Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    // Iterative post-order DFS: deep graphs (long unrolls) must not overflow the stack.
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    for (Tensor out : outputs) {
      if (visited.add(out)) {
        stack.push(new Object[] {out, 0});
      }
      while (!stack.isEmpty()) {
        Object[] frame = stack.peek();
        Tensor t = (Tensor) frame[0];
        int next = (Integer) frame[1];
        Node node = t.node();
        if (node != null && next < node.inputs().length) {
          frame[1] = next + 1;
          Tensor in = node.inputs()[next];
          if (in.requiresGrad() && visited.add(in)) {
            stack.push(new Object[] {in, 0});
          }
        } else {
          stack.pop();
          order.add(t);
        }
      }
    }
    return order;
  }

  private static void requireScalar(Tensor output) {
    if (output.value().length() != 1) {
      throw new IllegalArgumentException("backward needs a one-element output (a loss); got " + output.describe()
          + ". Reduce it first (Ops.sum / Ops.mean) or pass output gradients to grad(...).");
    }
    if (!output.requiresGrad()) {
      throw new IllegalArgumentException(output.describe() + " does not depend on anything that requires a "
          + "gradient (was it computed under Autograd.noGrad(), or from constants only?)");
    }
  }

  private static Tensor onesLike(Tensor t) {
    return Tensor.constant(Kernels.full(t.dataType(), t.shape(), 1.0));
  }

}
