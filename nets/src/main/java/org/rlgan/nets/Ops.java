package org.rlgan.nets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rlgan.nets.Kernels.Binary;
import org.rlgan.nets.Kernels.Unary;

/**
 * The differentiable operations: the primitives record a node with a backward rule written in these
 * same operations (so gradients can be differentiated again); the composites are built from primitives
 * and inherit every derivative order from them.
 *
 * <p>Binary element-wise operations broadcast as NumPy does; their backward rules sum the gradient back
 * to each input's shape. Every result is a new array: no operation here changes its inputs.
 *
 * <p>The arithmetic itself is in {@link Kernels} (plain Java and direct BLAS on the CPU backend, ND4J
 * operations elsewhere); this class holds the shapes, the checks and the differentiation. A backward rule
 * returns new arrays, or its incoming gradient itself, never a view of an array: an unrecorded backward pass
 * frees intermediate gradients as soon as they are consumed (see {@link Autograd}).
 */
public final class Ops {
  private static final double SQRT_2 = Math.sqrt(2.0);
  private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

  private Ops() {}

  /** Records the node when recording is on and an input requires a gradient; otherwise a constant. */
  static Tensor record(String op, INDArray out, Node.Backward backward, Tensor... inputs) {
    if (Autograd.isRecording()) {
      for (Tensor t : inputs) {
        if (t.requiresGrad()) {
          return new Tensor(out, true, new Node(op, inputs, backward), null);
        }
      }
    }
    return Tensor.constant(out);
  }

  // ------------------------------------------------------------------ element-wise, binary

  /** a + b, broadcasting. */
  public static Tensor add(Tensor a, Tensor b) {
    sameType("add", a, b);
    return record("add", Kernels.binary(Binary.ADD, a.value(), b.value(), broadcastShape(a, b)),
        g -> new Tensor[] {Autograd.needsGrad(a) ? sumTo(g, a.shape()) : null,
                           Autograd.needsGrad(b) ? sumTo(g, b.shape()) : null}, a, b);
  }

  /** a − b, broadcasting. */
  public static Tensor sub(Tensor a, Tensor b) {
    sameType("sub", a, b);
    return record("sub", Kernels.binary(Binary.SUB, a.value(), b.value(), broadcastShape(a, b)),
        g -> new Tensor[] {Autograd.needsGrad(a) ? sumTo(g, a.shape()) : null,
                           Autograd.needsGrad(b) ? sumTo(neg(g), b.shape()) : null}, a, b);
  }

  /** a ⊙ b, broadcasting. */
  public static Tensor mul(Tensor a, Tensor b) {
    sameType("mul", a, b);
    return record("mul", Kernels.binary(Binary.MUL, a.value(), b.value(), broadcastShape(a, b)),
        g -> new Tensor[] {Autograd.needsGrad(a) ? sumTo(mul(g, b), a.shape()) : null,
                           Autograd.needsGrad(b) ? sumTo(mul(g, a), b.shape()) : null}, a, b);
  }

  /** a / b, broadcasting. */
  public static Tensor div(Tensor a, Tensor b) {
    sameType("div", a, b);
    return record("div", Kernels.binary(Binary.DIV, a.value(), b.value(), broadcastShape(a, b)),
        g -> new Tensor[] {Autograd.needsGrad(a) ? sumTo(div(g, b), a.shape()) : null,
                           Autograd.needsGrad(b) ? sumTo(neg(div(mul(g, a), mul(b, b))), b.shape()) : null}, a, b);
  }

  private static long[] broadcastShape(Tensor a, Tensor b) {
    long[] x = a.shape();
    long[] y = b.shape();
    long[] out = new long[Math.max(x.length, y.length)];
    for (int i = 0; i < out.length; i++) {
      long dx = i < out.length - x.length ? 1 : x[i - (out.length - x.length)];
      long dy = i < out.length - y.length ? 1 : y[i - (out.length - y.length)];
      if (dx != dy && dx != 1 && dy != 1) {
        throw new IllegalArgumentException("shapes do not broadcast: " + a.describe() + " and " + b.describe());
      }
      out[i] = Math.max(dx, dy);
    }
    return out;
  }

  // ------------------------------------------------------------------ element-wise, with a constant scalar

  /** x + s. */
  public static Tensor addScalar(Tensor x, double s) {
    return record("addScalar", Kernels.addScalar(x.value(), s), g -> new Tensor[] {g}, x);
  }

  /** x · s. */
  public static Tensor mulScalar(Tensor x, double s) {
    return record("mulScalar", Kernels.mulScalar(x.value(), s), g -> new Tensor[] {mulScalar(g, s)}, x);
  }

  /** xᵖ for a constant exponent p. */
  public static Tensor pow(Tensor x, double p) {
    return record("pow", Kernels.pow(x.value(), p),
        g -> new Tensor[] {mul(g, mulScalar(pow(x, p - 1), p))}, x);
  }

  // ------------------------------------------------------------------ element-wise, unary primitives

  public static Tensor neg(Tensor x) {
    return record("neg", Kernels.unary(Unary.NEG, x.value()), g -> new Tensor[] {neg(g)}, x);
  }

  public static Tensor exp(Tensor x) {
    INDArray y = Kernels.unary(Unary.EXP, x.value());
    Tensor[] out = new Tensor[1];
    out[0] = record("exp", y, g -> new Tensor[] {mul(g, out[0])}, x);
    return out[0];
  }

  /** Natural logarithm. */
  public static Tensor log(Tensor x) {
    return record("log", Kernels.unary(Unary.LOG, x.value()), g -> new Tensor[] {div(g, x)}, x);
  }

  /** log(1 + x), accurate for small x. */
  public static Tensor log1p(Tensor x) {
    return record("log1p", Kernels.unary(Unary.LOG1P, x.value()), g -> new Tensor[] {div(g, addScalar(x, 1.0))},
        x);
  }

  public static Tensor sqrt(Tensor x) {
    Tensor[] out = new Tensor[1];
    out[0] = record("sqrt", Kernels.unary(Unary.SQRT, x.value()),
        g -> new Tensor[] {div(g, mulScalar(out[0], 2.0))}, x);
    return out[0];
  }

  /** |x|; the gradient at 0 is taken as 0 (the sign). */
  public static Tensor abs(Tensor x) {
    return record("abs", Kernels.unary(Unary.ABS, x.value()),
        g -> new Tensor[] {mul(g, Tensor.constant(Kernels.unary(Unary.SIGN, x.value())))}, x);
  }

  public static Tensor tanh(Tensor x) {
    Tensor[] out = new Tensor[1];
    out[0] = record("tanh", Kernels.unary(Unary.TANH, x.value()),
        g -> new Tensor[] {mul(g, addScalar(neg(square(out[0])), 1.0))}, x);
    return out[0];
  }

  /** The logistic function 1 / (1 + e⁻ˣ). */
  public static Tensor sigmoid(Tensor x) {
    Tensor[] out = new Tensor[1];
    out[0] = record("sigmoid", Kernels.unary(Unary.SIGMOID, x.value()),
        g -> new Tensor[] {mul(g, mul(out[0], addScalar(neg(out[0]), 1.0)))}, x);
    return out[0];
  }

  /** max(x, 0); the gradient at 0 is taken as 0. */
  public static Tensor relu(Tensor x) {
    INDArray v = x.value();
    return record("relu", Kernels.unary(Unary.RELU, v),
        g -> new Tensor[] {passInside(g, v, 0.0, Double.POSITIVE_INFINITY)}, x);
  }

  /**
   * g where lo &lt; ref &lt; hi, 0 elsewhere (ref a constant of g's shape; hi = +∞ admits +∞): the backward rule
   * of relu and clamp in one allocation. Linear in g, so its own backward is the same mask on the gradient.
   */
  static Tensor passInside(Tensor g, INDArray ref, double lo, double hi) {
    return record("passInside", Kernels.passInside(g.value(), ref, lo, hi),
        gg -> new Tensor[] {passInside(gg, ref, lo, hi)}, g);
  }

  /** The Gauss error function. */
  public static Tensor erf(Tensor x) {
    return record("erf", Kernels.unary(Unary.ERF, x.value()),
        g -> new Tensor[] {mul(g, mulScalar(exp(neg(square(x))), TWO_OVER_SQRT_PI))}, x);
  }

  // ------------------------------------------------------------------ element-wise composites

  public static Tensor square(Tensor x) {
    return mul(x, x);
  }

  /**
   * x for x > 0, αx otherwise. A primitive (one array forward, one backward); the slope at x = 0 is α, as
   * PyTorch's {@code leaky_relu}.
   */
  public static Tensor leakyRelu(Tensor x, double alpha) {
    INDArray v = x.value();
    return record("leakyRelu", Kernels.leakyRelu(v, alpha), g -> new Tensor[] {leakyPass(g, v, alpha)}, x);
  }

  /** g where ref > 0, α·g elsewhere (ref a constant of g's shape): leakyRelu's backward; linear in g. */
  static Tensor leakyPass(Tensor g, INDArray ref, double alpha) {
    return record("leakyPass", Kernels.leakyPass(g.value(), ref, alpha),
        gg -> new Tensor[] {leakyPass(gg, ref, alpha)}, g);
  }

  /** x for x > 0, α(eˣ − 1) otherwise (Clevert et al. 2016). */
  public static Tensor elu(Tensor x, double alpha) {
    Tensor negPart = neg(relu(neg(x)));                       // min(x, 0)
    return add(relu(x), mulScalar(addScalar(exp(negPart), -1.0), alpha));
  }

  /** log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) so it neither overflows nor loses precision. */
  public static Tensor softplus(Tensor x) {
    INDArray y;
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      y = add(relu(x), log1p(exp(neg(abs(x))))).value();
    }
    // A primitive with d/dx = σ(x): the composite's relu and |x| would give slope 0 at x = 0, not ½.
    return record("softplus", y, g -> new Tensor[] {mul(g, sigmoid(x))}, x);
  }

  /** GELU, the exact form x·Φ(x) = ½x(1 + erf(x/√2)) (Hendrycks and Gimpel 2016; PyTorch's default). */
  public static Tensor gelu(Tensor x) {
    return mul(mulScalar(x, 0.5), addScalar(erf(mulScalar(x, 1.0 / SQRT_2)), 1.0));
  }

  /** min(max(x, lo), hi); the gradient is 1 strictly inside the interval and 0 outside. */
  public static Tensor clamp(Tensor x, double lo, double hi) {
    INDArray v = x.value();
    return record("clamp", Kernels.clamp(v, lo, hi), g -> new Tensor[] {passInside(g, v, lo, hi)}, x);
  }

  /**
   * The Huber function element-wise (Huber 1964): ½x² for |x| ≤ δ, δ(|x| − ½δ) beyond; its derivative is
   * clamp(x, −δ, δ). The mean of huber(pred − target, 1) is PyTorch's {@code smooth_l1_loss} (δ = 1), the
   * DQN loss. One array forward, two backward.
   */
  public static Tensor huber(Tensor x, double delta) {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("huber: delta must be > 0, got " + delta);
    }
    return record("huber", Kernels.huber(x.value(), delta),
        g -> new Tensor[] {mul(g, clamp(x, -delta, delta))}, x);
  }

  /** Picks a where the constant 0/1 mask is 1 and b where it is 0 (broadcasting). */
  public static Tensor where(INDArray mask, Tensor a, Tensor b) {
    INDArray m = Kernels.castTo(mask, a.dataType());
    Tensor notM = Tensor.constant(Kernels.rsubScalar(m, 1.0));
    return add(mul(Tensor.constant(m), a), mul(notM, b));
  }

  // ------------------------------------------------------------------ linear algebra and shape

  /** The matrix product of two rank-2 tensors. */
  public static Tensor matmul(Tensor a, Tensor b) {
    return matmul(a, b, false, false);
  }

  /**
   * op(a) · op(b) for rank-2 tensors, where op transposes when asked (one GEMM call, no copies).
   */
  public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
    sameType("matmul", a, b);
    if (a.rank() != 2 || b.rank() != 2) {
      throw new IllegalArgumentException("matmul needs rank-2 tensors, got " + a.describe() + " and " + b.describe());
    }
    long inner = transA ? a.size(0) : a.size(1);
    long innerB = transB ? b.size(1) : b.size(0);
    if (inner != innerB) {
      throw new IllegalArgumentException("matmul: inner dimensions differ: " + a.describe() + (transA ? "ᵀ" : "")
          + " · " + b.describe() + (transB ? "ᵀ" : ""));
    }
    INDArray c = Kernels.matmul(a.value(), b.value(), transA, transB);
    return record("matmul", c, g -> new Tensor[] {
        // C = op(A) op(B):  dA = g op(B)ᵀ (or its transpose),  dB = op(A)ᵀ g (or its transpose).
        Autograd.needsGrad(a) ? (transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB)) : null,
        Autograd.needsGrad(b) ? (transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false)) : null}, a, b);
  }

  /**
   * x · W + b: the affine map of a dense layer, x [n, in], W [in, out], b [out] (or [1, out]) or null. One
   * primitive (the bias rows, then GEMM adding x·W onto them); its backward is written with matmul and sumTo:
   * dx = g·Wᵀ, dW = xᵀ·g, db = Σ_rows g.
   */
  public static Tensor linear(Tensor x, Tensor w, Tensor b) {
    if (b == null) {
      return matmul(x, w);
    }
    sameType("linear", x, w);
    sameType("linear", w, b);
    boolean rowBias = (b.rank() == 1 && b.size(0) == w.size(1))
        || (b.rank() == 2 && b.size(0) == 1 && b.size(1) == w.size(1));
    boolean fused = x.rank() == 2 && w.rank() == 2 && x.size(1) == w.size(0) && rowBias;
    if (!fused) {
      return add(matmul(x, w), b);
    }
    long[] bShape = b.shape();
    return record("linear", Kernels.linear(x.value(), w.value(), b.value()), g -> new Tensor[] {
        Autograd.needsGrad(x) ? matmul(g, w, false, true) : null,
        Autograd.needsGrad(w) ? matmul(x, g, true, false) : null,
        Autograd.needsGrad(b) ? sumTo(g, bShape) : null}, x, w, b);
  }

  /**
   * max(x · W + b, 0): {@link #linear} followed by {@link #relu}, with the same values and gradients bit for bit,
   * as one primitive with one output array (a dense layer followed by ReLU, as {@code Sequential} runs it). The
   * ReLU mask of the backward pass is taken from the output (y &gt; 0 exactly where x·W + b &gt; 0), so the
   * pre-activation is never stored. Falls back to the two operations when {@link #linear} would not fuse.
   */
  public static Tensor linearRelu(Tensor x, Tensor w, Tensor b) {
    if (b == null || x.rank() != 2 || w.rank() != 2 || x.size(1) != w.size(0)
        || !((b.rank() == 1 && b.size(0) == w.size(1)) || (b.rank() == 2 && b.size(0) == 1 && b.size(1) == w.size(1)))) {
      return relu(linear(x, w, b));
    }
    sameType("linear", x, w);
    sameType("linear", w, b);
    long[] bShape = b.shape();
    INDArray y = Kernels.linearRelu(x.value(), w.value(), b.value());
    return record("linearRelu", y, g -> {
      Tensor gz = passInside(g, y, 0.0, Double.POSITIVE_INFINITY); // relu's backward, on the output
      Tensor[] grads = {
          Autograd.needsGrad(x) ? matmul(gz, w, false, true) : null,
          Autograd.needsGrad(w) ? matmul(x, gz, true, false) : null,
          Autograd.needsGrad(b) ? sumTo(gz, bShape) : null};
      // An unrecorded backward frees gradients once used; gz is this node's own, so it goes back here (unless
      // sumTo handed it on as the bias gradient), as the separate relu's output gradient would have.
      if (!Autograd.isRecording() && gz.value() != g.value() && (grads[2] == null || !sharesMemory(grads[2], gz))) {
        Kernels.recycle(gz.value());
      }
      return grads;
    }, x, w, b);
  }

  /**
   * The mean over every dimension but the first of (p − t)², for p and t of the same shape [n, ...] (rank ≥ 2):
   * the per-sample squared error [n], as one primitive (PyTorch's {@code mse_loss}): one pass forward, one pass
   * back, where the composite {@code mean(square(sub(p, t)))} makes five arrays of p's size. Its gradients, when the
   * backward pass is recorded, are those of the composite (so it can be differentiated twice).
   */
  public static Tensor squaredErrorPerSample(Tensor p, Tensor t) {
    sameType("squaredErrorPerSample", p, t);
    if (p.rank() < 2 || !Arrays.equals(p.shape(), t.shape())) {
      throw new IllegalArgumentException("squaredErrorPerSample needs two tensors of the same shape [n, ...], got "
          + p.describe() + " and " + t.describe());
    }
    Tensor[] in = {p, t};
    return record("squaredErrorPerSample", Kernels.squaredErrorPerSample(p.value(), t.value()), g -> {
      if (Autograd.isRecording()) {
        return viaComposite(g, in, () -> squaredErrorComposite(p, t));
      }
      INDArray gp = Kernels.squaredErrorGrad(p.value(), t.value(), g.value());
      if (!Autograd.needsGrad(t)) {
        return new Tensor[] {Tensor.constant(gp), null};
      }
      INDArray gt = Kernels.mulScalar(gp, -1.0);
      return new Tensor[] {Autograd.needsGrad(p) ? Tensor.constant(gp) : null, Tensor.constant(gt)};
    }, p, t);
  }

  static Tensor squaredErrorComposite(Tensor p, Tensor t) {
    int[] dims = new int[p.rank() - 1];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i + 1;
    }
    return mean(square(sub(p, t)), false, dims);
  }

  /** Whether a's array is b's, or a view of the same memory (a reshape of it, say). */
  private static boolean sharesMemory(Tensor a, Tensor b) {
    INDArray x = a.value();
    INDArray y = b.value();
    return x == y || x.data() == y.data() || x.data().address() == y.data().address();
  }

  /** The transpose of a rank-2 tensor (a copy). */
  public static Tensor transpose(Tensor x) {
    if (x.rank() != 2) {
      throw new IllegalArgumentException("transpose needs a rank-2 tensor, got " + x.describe());
    }
    return record("transpose", x.value().transpose().dup('c'), g -> new Tensor[] {transpose(g)}, x);
  }

  /** The same values in a new shape (row-major order); one dimension may be −1. */
  public static Tensor reshape(Tensor x, long... shape) {
    long[] from = x.shape();
    INDArray y = Kernels.reshapeCopy(x.value(), shape);
    return record("reshape", y, g -> new Tensor[] {reshape(g, from)}, x);
  }

  /** Joins tensors along a dimension. */
  public static Tensor concat(int dim, Tensor... xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    INDArray[] vs = new INDArray[xs.length];
    long[] offsets = new long[xs.length];
    long offset = 0;
    for (int i = 0; i < xs.length; i++) {
      sameType("concat", xs[0], xs[i]);
      vs[i] = xs[i].value();
      offsets[i] = offset;
      offset += xs[i].size(dim);
    }
    return record("concat", Nd4j.concat(dim, vs), g -> {
      Tensor[] out = new Tensor[xs.length];
      for (int i = 0; i < xs.length; i++) {
        out[i] = Autograd.needsGrad(xs[i]) ? narrow(g, dim, offsets[i], xs[i].size(dim)) : null;
      }
      return out;
    }, xs);
  }

  /** The slice [start, start + length) along a dimension (a copy). */
  public static Tensor narrow(Tensor x, int dim, long start, long length) {
    long[] full = x.shape();
    INDArray y = x.value().get(sliceIndex(full.length, dim, start, length)).dup('c');
    return record("narrow", y, g -> new Tensor[] {embed(g, full, dim, start)}, x);
  }

  /** Zeros of shape {@code full} with x written at [start, start + x.size(dim)) along dim (narrow's adjoint). */
  static Tensor embed(Tensor x, long[] full, int dim, long start) {
    INDArray y = Nd4j.zeros(x.dataType(), full);
    y.get(sliceIndex(full.length, dim, start, x.size(dim))).assign(x.value());
    long len = x.size(dim);
    return record("embed", y, g -> new Tensor[] {narrow(g, dim, start, len)}, x);
  }

  private static INDArrayIndex[] sliceIndex(int rank, int dim, long start, long length) {
    INDArrayIndex[] idx = new INDArrayIndex[rank];
    for (int i = 0; i < rank; i++) {
      idx[i] = i == dim ? NDArrayIndex.interval(start, start + length) : NDArrayIndex.all();
    }
    return idx;
  }

  /** Repeats x along its size-1 (or missing leading) dimensions up to {@code shape}. */
  public static Tensor broadcastTo(Tensor x, long... shape) {
    long[] from = x.shape();
    if (Arrays.equals(from, shape)) {
      return x;
    }
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("broadcastTo: negative size in " + Arrays.toString(shape));
      }
    }
    if (from.length > shape.length) {
      throw new IllegalArgumentException("cannot broadcast " + x.describe() + " to the smaller rank of "
          + Arrays.toString(shape));
    }
    for (int i = 0; i < from.length; i++) {
      long target = shape[shape.length - from.length + i];
      if (from[i] != 1 && from[i] != target) {
        throw new IllegalArgumentException("cannot broadcast " + x.describe() + " to " + Arrays.toString(shape));
      }
    }
    INDArray y = Kernels.broadcastTo(x.value(), shape);
    return record("broadcastTo", y, g -> new Tensor[] {sumTo(g, from)}, x);
  }

  /** Sums x over the dimensions that broadcasting added or expanded, so the result has {@code shape}. */
  public static Tensor sumTo(Tensor x, long... shape) {
    long[] from = x.shape();
    if (Arrays.equals(from, shape)) {
      return x;
    }
    int lead = from.length - shape.length;
    if (lead < 0) {
      throw new IllegalArgumentException("cannot sum " + x.describe() + " to the larger shape " + Arrays.toString(shape));
    }
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      if (i < lead || (shape[i - lead] == 1 && from[i] != 1)) {
        dims.add(i);
      } else if (shape[i - lead] != from[i]) {
        throw new IllegalArgumentException("cannot sum " + x.describe() + " to " + Arrays.toString(shape));
      }
    }
    INDArray y = Kernels.sumTo(x.value(), shape, dims.stream().mapToInt(Integer::intValue).toArray());
    return record("sumTo", y, g -> new Tensor[] {broadcastTo(g, from)}, x);
  }

  // ------------------------------------------------------------------ reductions

  /** The sum of all elements (rank 0). */
  public static Tensor sum(Tensor x) {
    return sumTo(x);
  }

  /** Sums over the given dimensions, keeping them as size 1 when {@code keepDims}. */
  public static Tensor sum(Tensor x, boolean keepDims, int... dims) {
    long[] from = x.shape();
    long[] kept = from.clone();
    for (int d : dims) {
      kept[d] = 1;
    }
    Tensor s = sumTo(x, kept);
    if (keepDims) {
      return s;
    }
    long[] squeezed = new long[from.length - dims.length];
    for (int i = 0, j = 0; i < from.length; i++) {
      final int dim = i;
      if (Arrays.stream(dims).noneMatch(d -> d == dim)) {
        squeezed[j++] = from[i];
      }
    }
    return reshape(s, squeezed);
  }

  /** The mean of all elements (rank 0). */
  public static Tensor mean(Tensor x) {
    return mulScalar(sum(x), 1.0 / x.value().length());
  }

  /** Means over the given dimensions. */
  public static Tensor mean(Tensor x, boolean keepDims, int... dims) {
    long count = 1;
    for (int d : dims) {
      count *= x.size(d);
    }
    return mulScalar(sum(x, keepDims, dims), 1.0 / count);
  }

  /**
   * The maximum along a dimension. The gradient goes to the maximal entries (split evenly among ties),
   * as a constant routing mask, so higher derivatives are those of the selected entries.
   */
  public static Tensor max(Tensor x, int dimension, boolean keepDims) {
    int dim = dimension < 0 ? dimension + x.rank() : dimension;
    if (dim < 0 || dim >= x.rank()) {
      throw new IllegalArgumentException("max: dimension " + dimension + " is outside " + x.describe());
    }
    INDArray v = x.value();
    long[] kept = x.shape().clone();
    kept[dim] = 1;
    // The weights are computed only if a backward pass comes (x's value is not changed in between).
    return record("max", Kernels.max(v, dim, keepDims), g -> new Tensor[] {
        mul(keepDims ? g : reshape(g, kept), Tensor.constant(Kernels.maxWeights(v, dim)))}, x);
  }

  /** log Σ exp(x) along a dimension, stabilised by the (constant) maximum. */
  public static Tensor logSumExp(Tensor x, int dim, boolean keepDims) {
    Tensor m = Tensor.constant(x.value().max(true, dim));
    Tensor lse = add(log(sum(exp(sub(x, m)), true, dim)), m);
    return keepDims ? lse : sum(lse, false, dim);
  }

  /** log softmax along a dimension: x − logΣexp(x). */
  public static Tensor logSoftmax(Tensor x, int dim) {
    return sub(x, logSumExp(x, dim, true));
  }

  /** softmax along a dimension. */
  public static Tensor softmax(Tensor x, int dim) {
    return exp(logSoftmax(x, dim));
  }

  // ------------------------------------------------------------------ indexing

  /** For x [n, m] and n indices, the vector [n] of x[i, index[i]] (Q(s, a) from Q(s, ·)). */
  public static Tensor pick(Tensor x, long[] index) {
    if (x.rank() != 2 || index.length != x.size(0)) {
      throw new IllegalArgumentException("pick needs a rank-2 tensor and one index per row; got " + x.describe()
          + " and " + index.length + " indices");
    }
    long cols = x.size(1);
    checkIndices(index, cols);
    long[] idx = index.clone();
    return record("pick", Kernels.pick(x.value(), idx), g -> new Tensor[] {unpick(g, idx, cols)}, x);
  }

  /** pick's adjoint: zeros [n, cols] with g[i] at [i, index[i]]; its own adjoint is pick. */
  static Tensor unpick(Tensor g, long[] index, long cols) {
    return record("unpick", Kernels.unpick(g.value(), index, cols), gg -> new Tensor[] {pick(gg, index)}, g);
  }

  /** One-hot rows [n, classes] of the given type; an index outside [0, classes) is an error. */
  public static INDArray oneHot(long[] index, long classes, DataType type) {
    checkIndices(index, classes);
    return Kernels.oneHot(index, classes, type);
  }

  private static void checkIndices(long[] index, long classes) {
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= classes) {
        throw new IllegalArgumentException("index " + index[i] + " at row " + i + " is outside [0, " + classes + ")");
      }
    }
  }

  // ------------------------------------------------------------------ sequence layers (nets-seq)

  /**
   * Rows of a table: for table [v, d] and indices in [0, v), the matrix [index.length, d] of table[index[i]]
   * (an embedding lookup). The gradient adds each row's gradient back into its table row.
   */
  public static Tensor gatherRows(Tensor table, long[] index) {
    if (table.rank() != 2) {
      throw new IllegalArgumentException("gatherRows needs a rank-2 table [v, d], got " + table.describe());
    }
    checkIndices(index, table.size(0));
    long[] idx = index.clone();
    long rows = table.size(0);
    return record("gatherRows", Kernels.gatherRows(table.value(), idx),
        g -> new Tensor[] {scatterAddRows(g, idx, rows)}, table);
  }

  /** gatherRows' adjoint: zeros [rows, d] with row i of g added at row index[i]; its own adjoint is gatherRows. */
  static Tensor scatterAddRows(Tensor g, long[] index, long rows) {
    return record("scatterAddRows", Kernels.scatterAddRows(g.value(), index, rows),
        gg -> new Tensor[] {gatherRows(gg, index)}, g);
  }

  /** x with its axes reordered: result axis i is x's axis dims[i] (a row-major copy, as NumPy's transpose). */
  public static Tensor permute(Tensor x, int... dims) {
    int r = x.rank();
    if (dims.length != r) {
      throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " has " + dims.length
          + " axes, " + x.describe() + " has " + r);
    }
    int[] inverse = new int[r];
    boolean[] seen = new boolean[r];
    for (int i = 0; i < r; i++) {
      if (dims[i] < 0 || dims[i] >= r || seen[dims[i]]) {
        throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " is not a permutation of 0.."
            + (r - 1));
      }
      seen[dims[i]] = true;
      inverse[dims[i]] = i;
    }
    int[] p = dims.clone();
    return record("permute", Kernels.permute(x.value(), p), g -> new Tensor[] {permute(g, inverse)}, x);
  }

  /**
   * Batched matrix products of rank-3 tensors: result[b] = op(a[b])·op(c[b]) for a [B, ·, ·], c [B, ·, ·]
   * (op transposes the last two axes when asked): [B, m, n]. One GEMM per batch element.
   */
  public static Tensor bmm(Tensor a, Tensor b, boolean transA, boolean transB) {
    sameType("bmm", a, b);
    if (a.rank() != 3 || b.rank() != 3 || a.size(0) != b.size(0)) {
      throw new IllegalArgumentException("bmm needs rank-3 tensors with the same batch size, got " + a.describe()
          + " and " + b.describe());
    }
    long inner = transA ? a.size(1) : a.size(2);
    long innerB = transB ? b.size(2) : b.size(1);
    if (inner != innerB) {
      throw new IllegalArgumentException("bmm: inner dimensions differ: " + a.describe() + (transA ? "ᵀ" : "")
          + " · " + b.describe() + (transB ? "ᵀ" : ""));
    }
    return record("bmm", Kernels.bmm(a.value(), b.value(), transA, transB), g -> new Tensor[] {
        Autograd.needsGrad(a) ? (transA ? bmm(b, g, transB, true) : bmm(g, b, false, !transB)) : null,
        Autograd.needsGrad(b) ? (transB ? bmm(g, a, true, transA) : bmm(a, g, !transA, false)) : null}, a, b);
  }

  /**
   * An LSTM layer over a whole sequence, PyTorch's equations and gate order (i, f, g, o):
   * z = x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh; i, f, o = σ(z_i), σ(z_f), σ(z_o); g = tanh(z_g);
   * c_t = f ⊙ c_{t−1} + i ⊙ g; h_t = o ⊙ tanh(c_t). Where mask[b, t] = 0 the step is skipped: h_t = h_{t−1}
   * and c_t = c_{t−1}.
   *
   * <p>Shapes: x [n, T, I], h0 and c0 [n, H], W_ih [I, 4H], W_hh [H, 4H] (PyTorch's weights transposed),
   * b_ih and b_hh [4H], mask [n, T] of 0/1 or null. Returns the states [n, T, 2H]: h_t in [..., 0, H), c_t in
   * [..., H, 2H) (padded steps carry the previous state; zeroing their outputs is the caller's choice).
   *
   * <p>On the CPU fast path this is one primitive ({@link LstmKernel}: one GEMM for the input projection, one
   * per step, a hand-written backward through time). Its recorded backward (for second derivatives) rebuilds
   * the same function from the primitives in this class and differentiates that; so does every other backend.
   */
  public static Tensor lstm(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
      INDArray mask) {
    checkRecurrent("lstm", 4, x, h0, wIh, wHh, bIh, bHh, mask);
    checkState("lstm", "c0", c0, x.size(0), wHh.size(0));
    for (Tensor t : new Tensor[] {h0, c0, wIh, wHh, bIh, bHh}) {
      sameType("lstm", x, t);
    }
    double[] m = mask == null ? null : Kernels.toHostDoubles(mask);
    if (!LstmKernel.supports(x.value(), h0.value(), c0.value(), wIh.value(), wHh.value(), bIh.value(),
        bHh.value())) {
      return lstmComposite(x, h0, c0, wIh, wHh, bIh, bHh, mask);
    }
    LstmKernel.Forward fw = LstmKernel.forward(x.value(), h0.value(), c0.value(), wIh.value(), wHh.value(),
        bIh.value(), bHh.value(), m);
    Tensor[] in = {x, h0, c0, wIh, wHh, bIh, bHh};
    return record("lstm", fw.states(), g -> {
      if (Autograd.isRecording()) {
        return viaComposite(g, in, () -> lstmComposite(x, h0, c0, wIh, wHh, bIh, bHh, mask));
      }
      if (LstmKernel.released(fw.saved())) {
        // a second backward pass of this graph: the float32 kernel has handed its saved arrays back after the
        // first, so differentiate the composite (recorded just for that)
        try (Autograd.Scope on = Autograd.setRecording(true)) {
          return viaComposite(g, in, () -> lstmComposite(x, h0, c0, wIh, wHh, bIh, bHh, mask));
        }
      }
      boolean[] need = new boolean[in.length];
      for (int i = 0; i < in.length; i++) {
        need[i] = Autograd.needsGrad(in[i]);
      }
      INDArray[] gs = LstmKernel.backward(fw.saved(), g.value(), need);
      Tensor[] out = new Tensor[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = gs[i] == null ? null : Tensor.constant(gs[i]);
      }
      return out;
    }, in);
  }

  /** The gradients of a fused primitive, recorded: rebuild it from primitives and differentiate that. */
  private static Tensor[] viaComposite(Tensor g, Tensor[] inputs, java.util.function.Supplier<Tensor> rebuild) {
    Tensor y = rebuild.get();
    List<Tensor> wanted = new ArrayList<>();
    for (Tensor t : inputs) {
      if (Autograd.needsGrad(t)) {
        wanted.add(t);
      }
    }
    List<Tensor> gs = Autograd.grad(List.of(y), List.of(g), wanted, true);
    Tensor[] out = new Tensor[inputs.length];
    for (int i = 0, k = 0; i < inputs.length; i++) {
      out[i] = Autograd.needsGrad(inputs[i]) ? gs.get(k++) : null;
    }
    return out;
  }

  /** {@link #lstm} written with the primitives of this class, one time step at a time. */
  static Tensor lstmComposite(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
      INDArray mask) {
    long n = x.size(0);
    long steps = x.size(1);
    long hid = wHh.size(0);
    Tensor xp = reshape(linear(reshape(x, n * steps, x.size(2)), wIh, bIh), n, steps, 4 * hid);
    Tensor h = h0;
    Tensor c = c0;
    Tensor[] out = new Tensor[(int) steps];
    for (int t = 0; t < steps; t++) {
      Tensor z = add(reshape(narrow(xp, 1, t, 1), n, 4 * hid), linear(h, wHh, bHh));
      Tensor i = sigmoid(narrow(z, 1, 0, hid));
      Tensor f = sigmoid(narrow(z, 1, hid, hid));
      Tensor gg = tanh(narrow(z, 1, 2 * hid, hid));
      Tensor o = sigmoid(narrow(z, 1, 3 * hid, hid));
      Tensor cNew = add(mul(f, c), mul(i, gg));
      Tensor hNew = mul(o, tanh(cNew));
      if (mask != null) {
        INDArray mt = stepMask(mask, t);
        hNew = where(mt, hNew, h);
        cNew = where(mt, cNew, c);
      }
      h = hNew;
      c = cNew;
      out[t] = reshape(concat(1, h, c), n, 1, 2 * hid);
    }
    return concat(1, out);
  }

  /**
   * A GRU layer over a whole sequence, PyTorch's equations and gate order (r, z, n):
   * r = σ(x_t·W_ir + b_ir + h·W_hr + b_hr), z = σ(x_t·W_iz + b_iz + h·W_hz + b_hz),
   * n = tanh(x_t·W_in + b_in + r ⊙ (h·W_hn + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}; a masked step keeps
   * h_{t−1}. Shapes: x [n, T, I], h0 [n, H], W_ih [I, 3H], W_hh [H, 3H], b_ih and b_hh [3H], mask [n, T] or
   * null. Returns the hidden states [n, T, H] (padded steps carry the previous state).
   *
   * <p>Fused on the CPU fast path ({@link GruKernel}), as {@link #lstm}; composite elsewhere and when recorded.
   */
  public static Tensor gru(Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, INDArray mask) {
    checkRecurrent("gru", 3, x, h0, wIh, wHh, bIh, bHh, mask);
    for (Tensor t : new Tensor[] {h0, wIh, wHh, bIh, bHh}) {
      sameType("gru", x, t);
    }
    if (!GruKernel.supports(x.value(), h0.value(), wIh.value(), wHh.value(), bIh.value(), bHh.value())) {
      return gruComposite(x, h0, wIh, wHh, bIh, bHh, mask);
    }
    double[] m = mask == null ? null : Kernels.toHostDoubles(mask);
    GruKernel.Forward fw = GruKernel.forward(x.value(), h0.value(), wIh.value(), wHh.value(), bIh.value(),
        bHh.value(), m);
    Tensor[] in = {x, h0, wIh, wHh, bIh, bHh};
    return record("gru", fw.states(), g -> {
      if (Autograd.isRecording()) {
        return viaComposite(g, in, () -> gruComposite(x, h0, wIh, wHh, bIh, bHh, mask));
      }
      boolean[] need = new boolean[in.length];
      for (int i = 0; i < in.length; i++) {
        need[i] = Autograd.needsGrad(in[i]);
      }
      INDArray[] gs = GruKernel.backward(fw.saved(), g.value(), need);
      Tensor[] out = new Tensor[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = gs[i] == null ? null : Tensor.constant(gs[i]);
      }
      return out;
    }, in);
  }

  /** {@link #gru} written with the primitives of this class, one time step at a time. */
  static Tensor gruComposite(Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, INDArray mask) {
    long n = x.size(0);
    long steps = x.size(1);
    long hid = wHh.size(0);
    Tensor xp = reshape(linear(reshape(x, n * steps, x.size(2)), wIh, bIh), n, steps, 3 * hid);
    Tensor h = h0;
    Tensor[] out = new Tensor[(int) steps];
    for (int t = 0; t < steps; t++) {
      Tensor xt = reshape(narrow(xp, 1, t, 1), n, 3 * hid);
      Tensor hp = linear(h, wHh, bHh);
      Tensor r = sigmoid(add(narrow(xt, 1, 0, hid), narrow(hp, 1, 0, hid)));
      Tensor z = sigmoid(add(narrow(xt, 1, hid, hid), narrow(hp, 1, hid, hid)));
      Tensor nn = tanh(add(narrow(xt, 1, 2 * hid, hid), mul(r, narrow(hp, 1, 2 * hid, hid))));
      Tensor hNew = add(nn, mul(z, sub(h, nn)));                 // (1 − z) n + z h
      h = mask == null ? hNew : where(stepMask(mask, t), hNew, h);
      out[t] = reshape(h, n, 1, hid);
    }
    return concat(1, out);
  }

  /**
   * An Elman RNN layer (PyTorch's nn.RNN, tanh): h_t = tanh(x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh); a masked
   * step keeps h_{t−1}. Shapes: x [n, T, I], h0 [n, H], W_ih [I, H], W_hh [H, H], b_ih and b_hh [H], mask
   * [n, T] or null. Returns the hidden states [n, T, H].
   */
  public static Tensor rnnTanh(Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
      INDArray mask) {
    checkRecurrent("rnnTanh", 1, x, h0, wIh, wHh, bIh, bHh, mask);
    long n = x.size(0);
    long steps = x.size(1);
    long hid = wHh.size(0);
    Tensor xp = reshape(linear(reshape(x, n * steps, x.size(2)), wIh, bIh), n, steps, hid);
    Tensor h = h0;
    Tensor[] out = new Tensor[(int) steps];
    for (int t = 0; t < steps; t++) {
      Tensor hNew = tanh(add(reshape(narrow(xp, 1, t, 1), n, hid), linear(h, wHh, bHh)));
      h = mask == null ? hNew : where(stepMask(mask, t), hNew, h);
      out[t] = reshape(h, n, 1, hid);
    }
    return concat(1, out);
  }

  /** Column t of a mask [n, T] as [n, 1]. */
  private static INDArray stepMask(INDArray mask, int t) {
    return mask.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)).dup('c');
  }

  private static void checkRecurrent(String op, int gates, Tensor x, Tensor h0, Tensor wIh, Tensor wHh,
      Tensor bIh, Tensor bHh, INDArray mask) {
    if (x.rank() != 3 || x.size(1) < 1) {
      throw new IllegalArgumentException(op + ": x must be [n, T, features] with T >= 1, got " + x.describe());
    }
    if (wHh.rank() != 2 || wHh.size(1) != gates * wHh.size(0)) {
      throw new IllegalArgumentException(op + ": W_hh must be [H, " + gates + "H], got " + wHh.describe());
    }
    long hid = wHh.size(0);
    if (wIh.rank() != 2 || wIh.size(0) != x.size(2) || wIh.size(1) != gates * hid) {
      throw new IllegalArgumentException(op + ": W_ih must be [" + x.size(2) + ", " + gates * hid + "] for "
          + x.describe() + ", got " + wIh.describe());
    }
    for (Tensor b : new Tensor[] {bIh, bHh}) {
      if (b.rank() != 1 || b.size(0) != gates * hid) {
        throw new IllegalArgumentException(op + ": biases must be [" + gates * hid + "], got " + b.describe());
      }
    }
    checkState(op, "h0", h0, x.size(0), hid);
    if (mask != null && (mask.rank() != 2 || mask.size(0) != x.size(0) || mask.size(1) != x.size(1))) {
      throw new IllegalArgumentException(op + ": mask must be [n, T] = [" + x.size(0) + ", " + x.size(1)
          + "], got " + Arrays.toString(mask.shape()));
    }
  }

  private static void checkState(String op, String name, Tensor s, long n, long hid) {
    if (s.rank() != 2 || s.size(0) != n || s.size(1) != hid) {
      throw new IllegalArgumentException(op + ": " + name + " must be [" + n + ", " + hid + "], got "
          + s.describe());
    }
  }

  private static void sameType(String op, Tensor a, Tensor b) {
    if (a.dataType() != b.dataType()) {
      throw new IllegalArgumentException(op + ": data types differ (" + a.dataType() + " vs " + b.dataType()
          + ") for " + a.describe() + " and " + b.describe() + "; cast one with Tensor.constant(x.castTo(...))");
    }
  }
}
