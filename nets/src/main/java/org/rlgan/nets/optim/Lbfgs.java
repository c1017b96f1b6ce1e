package org.rlgan.nets.optim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;

/**
 * Limited-memory BFGS for full-batch (deterministic) problems: Nocedal &amp; Wright, <i>Numerical
 * Optimization</i> (2nd ed., 2006), Algorithm 7.5 with the two-loop recursion of Algorithm 7.4, the initial
 * inverse Hessian H₀ = γI with γ = sᵀy/yᵀy from the newest pair (eq. 7.20), and a line search that
 * enforces the strong Wolfe conditions (eqs. 3.7) by bracketing and zoom (Algorithms 3.5 and 3.6) with
 * safeguarded cubic interpolation. The line search and the stopping tests follow PyTorch's
 * {@code torch.optim.LBFGS} with {@code line_search_fn="strong_wolfe"} (itself a port of Schmidt's minFunc):
 * the first step length is min(1, 1/‖g‖₁), later ones start at 1; a pair is kept only when yᵀs &gt; 10⁻¹⁰.
 *
 * <p>After each accepted step the stopping tests run in this order: the gradient tolerance; a line search
 * that found no decrease ({@link StopReason#ROUNDOFF_LIMIT} when the predicted decrease is within rounding
 * of f, else {@link StopReason#LINE_SEARCH_FAILED}); the step and value tolerances. Before each line search
 * the direction must predict a decrease above changeTolerance.
 *
 * <p>The parameters are copied into one flat float64 vector (row-major, in list order); the optimizer
 * writes trial points back into the parameters' arrays in place (cast to their data type) before each
 * evaluation, and leaves the parameters at the final iterate. Being deterministic and full-batch, it keeps
 * no state between {@link #minimize} calls.
 */
public final class Lbfgs {
  /** Pairs with curvature yᵀs at or below this are skipped (PyTorch's threshold), keeping H positive definite. */
  static final double MIN_CURVATURE = 1e-10;
  /** A predicted decrease within this many ulps of f cannot be resolved by evaluating f (sums of many terms). */
  static final int ROUNDOFF_ULPS = 1000;

  /**
   * Strong Wolfe line search parameters: sufficient decrease f(x + td) ≤ f(x) + c₁t∇fᵀd and curvature
   * |∇f(x + td)ᵀd| ≤ c₂|∇fᵀd|.
   *
   * @param c1 sufficient-decrease constant, 0 &lt; c₁ &lt; c₂
   * @param c2 curvature constant, c₁ &lt; c₂ &lt; 1 (0.9 is usual for quasi-Newton methods)
   * @param maxEvaluations the most function evaluations one line search may make, ≥ 1
   */
  public record StrongWolfe(double c1, double c2, int maxEvaluations) {
    /** @throws IllegalArgumentException unless 0 &lt; c1 &lt; c2 &lt; 1 and maxEvaluations ≥ 1 */
    public StrongWolfe {
      if (!(c1 > 0 && c1 < 1)) {
        throw new IllegalArgumentException("Lbfgs.StrongWolfe.c1 = " + c1 + " is invalid: it must be in (0, 1)");
      }
      if (!(c2 > c1 && c2 < 1)) {
        throw new IllegalArgumentException("Lbfgs.StrongWolfe.c2 = " + c2 + " is invalid: it must be in (c1 = " + c1
            + ", 1)");
      }
      Check.atLeast("Lbfgs.StrongWolfe.maxEvaluations", maxEvaluations, 1);
    }

    /** c₁ = 10⁻⁴, c₂ = 0.9, 25 evaluations (Nocedal &amp; Wright's suggestion; PyTorch's defaults). */
    public static StrongWolfe defaults() {
      return new StrongWolfe(1e-4, 0.9, 25);
    }
  }

  /**
   * L-BFGS settings.
   *
   * @param historySize m ≥ 1, the number of (s, y) pairs kept (3 to 20 is usual)
   * @param maxIterations the most iterations (accepted line-search steps), ≥ 1
   * @param gradTolerance stop, converged, when ‖∇f‖∞ ≤ this (≥ 0)
   * @param changeTolerance ≥ 0: stop, converged, when the step's ‖s‖∞, the loss change |Δf| or the
   *     predicted decrease −∇fᵀd falls to or below it (PyTorch's {@code tolerance_change}); 0 turns these off
   * @param lineSearch the strong Wolfe line search parameters
   */
  public record Config(int historySize, int maxIterations, double gradTolerance, double changeTolerance,
      StrongWolfe lineSearch) {
    /** @throws IllegalArgumentException naming the field, its value and the allowed range */
    public Config {
      Check.atLeast("Lbfgs.Config.historySize", historySize, 1);
      Check.atLeast("Lbfgs.Config.maxIterations", maxIterations, 1);
      Check.nonNegative("Lbfgs.Config.gradTolerance", gradTolerance);
      Check.nonNegative("Lbfgs.Config.changeTolerance", changeTolerance);
      Check.notNull("Lbfgs.Config.lineSearch", lineSearch);
    }

    /** m = 10, 1000 iterations, PyTorch's tolerances (10⁻⁷ on the gradient, 10⁻⁹ on changes), default line search. */
    public static Config defaults() {
      return new Config(10, 1000, 1e-7, 1e-9, StrongWolfe.defaults());
    }

    /** An L-BFGS minimiser with these settings. */
    public Lbfgs build() {
      return new Lbfgs(this);
    }
  }

  /** Why {@link #minimize} stopped. */
  public enum StopReason {
    /** ‖∇f‖∞ ≤ gradTolerance. */
    GRADIENT_TOLERANCE(true),
    /** The step's ‖s‖∞ ≤ changeTolerance. */
    STEP_TOLERANCE(true),
    /** |f_new − f_old| &lt; changeTolerance. */
    VALUE_TOLERANCE(true),
    /** The predicted decrease −∇fᵀd along the new direction is positive but ≤ changeTolerance. */
    DIRECTIONAL_DERIVATIVE_TOLERANCE(true),
    /** The iteration limit was reached first. */
    MAX_ITERATIONS(false),
    /**
     * The line search found no decrease, but the predicted decrease −∇fᵀd was already within rounding of f
     * (at most {@value Lbfgs#ROUNDOFF_ULPS} units in the last place of f in the loss's precision): the
     * iterate is as good as the arithmetic can tell apart. Typical when gradTolerance is tighter than the
     * loss's precision allows.
     */
    ROUNDOFF_LIMIT(true),
    /** The line search found neither a strong Wolfe point nor any decrease, with decrease still predicted. */
    LINE_SEARCH_FAILED(false),
    /** The two-loop direction is not a descent direction (∇fᵀd ≥ 0: numerical breakdown). */
    NOT_DESCENT(false),
    /** The loss or its gradient became NaN or infinite at an accepted point (or at the start). */
    NON_FINITE(false);

    private final boolean converged;

    StopReason(boolean converged) {
      this.converged = converged;
    }

    /** Whether this reason counts as convergence. */
    public boolean converged() {
      return converged;
    }
  }

  /**
   * The outcome of {@link #minimize}; the parameters hold the final iterate.
   *
   * @param loss the loss at the final iterate
   * @param iterations the number of accepted steps (line searches completed)
   * @param evaluations loss-and-gradient evaluations, the initial one included
   * @param gradNorm ‖∇f‖∞ (largest absolute component) at the final iterate, the norm gradTolerance bounds
   * @param converged whether {@code reason} is a convergence criterion
   * @param reason why it stopped
   */
  public record Result(double loss, int iterations, int evaluations, double gradNorm, boolean converged,
      StopReason reason) {}

  private final Config config;

  private Lbfgs(Config config) {
    this.config = config;
  }

  /** The settings this minimiser was built with. */
  public Config config() {
    return config;
  }

  /**
   * Minimises the scalar loss over the parameters, in place.
   *
   * @param loss recomputes the one-element loss from the parameters' current values (its graph must reach
   *     them; the optimizer differentiates it with {@link Autograd#grad}, so the parameters' {@code grad()}
   *     is left untouched). Called once per evaluation, with recording switched on.
   * @param params the parameters to optimise, each at most once, any shapes, float32 or float64
   * @return the final loss, counts, final gradient norm and why it stopped
   * @throws IllegalArgumentException if params is empty or repeats a tensor, or the loss is not one element
   */
  public Result minimize(Supplier<Tensor> loss, List<Tensor> params) {
    Check.notNull("Lbfgs.minimize loss", loss);
    Objective obj = new Objective(loss, params);
    double[] x = obj.read();
    Eval e = obj.evaluate(x);
    int evaluations = 1;
    if (!e.finite()) {
      return new Result(e.f, 0, evaluations, infNorm(e.g), false, StopReason.NON_FINITE);
    }
    if (infNorm(e.g) <= config.gradTolerance()) {
      return new Result(e.f, 0, evaluations, infNorm(e.g), true, StopReason.GRADIENT_TOLERANCE);
    }
    Deque<double[]> sHist = new ArrayDeque<>();
    Deque<double[]> yHist = new ArrayDeque<>();
    Deque<Double> rhoHist = new ArrayDeque<>();
    double gamma = 1;
    int iterations = 0;
    StopReason reason = StopReason.MAX_ITERATIONS;
    while (iterations < config.maxIterations()) {
      // Direction d = −H∇f by the two-loop recursion (Alg. 7.4); steepest descent before any pair.
      double[] d = direction(e.g, sHist, yHist, rhoHist, gamma);
      double gtd = dot(e.g, d);
      if (!(gtd < 0)) {
        reason = StopReason.NOT_DESCENT;
        break;
      }
      if (-gtd <= config.changeTolerance()) {
        reason = StopReason.DIRECTIONAL_DERIVATIVE_TOLERANCE;
        break;
      }
      // First step scaled to unit ℓ₁ length of the gradient: there is no curvature estimate yet.
      double t0 = iterations == 0 ? Math.min(1, 1 / l1Norm(e.g)) : 1;
      LineSearch ls = strongWolfe(obj, x, t0, d, e, gtd);
      evaluations += ls.evaluations;
      double t = ls.t;
      double[] xNew = new double[x.length];
      double[] s = new double[x.length];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        xNew[i] = x[i] + t * d[i]; // the same arithmetic as the evaluation at t
        s[i] = t * d[i];
        y[i] = ls.at.g[i] - e.g[i];
      }
      // Curvature pair (eq. 7.16 ff.); the strong Wolfe conditions make yᵀs > 0 in exact arithmetic.
      double ys = dot(y, s);
      if (ys > MIN_CURVATURE) {
        if (sHist.size() == config.historySize()) {
          sHist.removeFirst();
          yHist.removeFirst();
          rhoHist.removeFirst();
        }
        sHist.addLast(s);
        yHist.addLast(y);
        rhoHist.addLast(1 / ys);
        gamma = ys / dot(y, y); // H₀ = γI, eq. 7.20
      }
      double fOld = e.f;
      x = xNew;
      e = ls.at;
      iterations++;
      if (!e.finite()) {
        reason = StopReason.NON_FINITE;
        break;
      }
      if (infNorm(e.g) <= config.gradTolerance()) {
        reason = StopReason.GRADIENT_TOLERANCE;
        break;
      }
      if (!ls.satisfied && !(e.f < fOld)) {
        // No decrease found: at the rounding floor of f that is convergence, elsewhere a failure.
        reason = -gtd <= ROUNDOFF_ULPS * ulp(fOld, e.precision)
            ? StopReason.ROUNDOFF_LIMIT : StopReason.LINE_SEARCH_FAILED;
        break;
      }
      if (infNorm(s) <= config.changeTolerance()) {
        reason = StopReason.STEP_TOLERANCE;
        break;
      }
      if (Math.abs(e.f - fOld) < config.changeTolerance()) {
        reason = StopReason.VALUE_TOLERANCE;
        break;
      }
    }
    obj.write(x); // the line search may have left a rejected trial point in the parameters
    return new Result(e.f, iterations, evaluations, infNorm(e.g), reason.converged(), reason);
  }

  /** r = H∇f by Nocedal &amp; Wright's Algorithm 7.4; returns d = −r. */
  private static double[] direction(double[] g, Deque<double[]> sHist, Deque<double[]> yHist, Deque<Double> rhoHist,
      double gamma) {
    int k = sHist.size();
    double[][] s = sHist.toArray(new double[0][]);
    double[][] y = yHist.toArray(new double[0][]);
    Double[] rho = rhoHist.toArray(new Double[0]);
    double[] q = g.clone();
    double[] alpha = new double[k];
    for (int i = k - 1; i >= 0; i--) {      // newest to oldest
      alpha[i] = rho[i] * dot(s[i], q);
      axpy(-alpha[i], y[i], q);
    }
    for (int j = 0; j < q.length; j++) {    // r = H₀q
      q[j] *= gamma;
    }
    for (int i = 0; i < k; i++) {           // oldest to newest
      double beta = rho[i] * dot(y[i], q);
      axpy(alpha[i] - beta, s[i], q);
    }
    for (int j = 0; j < q.length; j++) {
      q[j] = -q[j];
    }
    return q;
  }

  /** A loss value, its gradient, and the loss's data type (for its rounding). */
  private record Eval(double f, double[] g, DataType precision) {
    boolean finite() {
      if (!Double.isFinite(f)) {
        return false;
      }
      for (double v : g) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
      return true;
    }

    /** The loss as the line search compares it: NaN counts as +∞ (a step too far). */
    double fOrInf() {
      return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
    }
  }

  private record LineSearch(double t, Eval at, int evaluations, boolean satisfied) {}

  /**
   * A step length t satisfying the strong Wolfe conditions along d from x (Nocedal &amp; Wright, Alg. 3.5:
   * bracketing with extrapolation by cubic interpolation in [t + 0.01(t − t_prev), 10t]; Alg. 3.6: zoom with
   * safeguarded cubic interpolation), as in PyTorch's {@code _strong_wolfe}. When the evaluation budget runs
   * out, the best point found (lowest loss in the bracket, possibly t = 0) is returned, unsatisfied.
   */
  private LineSearch strongWolfe(Objective obj, double[] x, double t, double[] d, Eval e0, double gtd0) {
    double c1 = config.lineSearch().c1();
    double c2 = config.lineSearch().c2();
    int maxEvals = config.lineSearch().maxEvaluations();
    double dNorm = infNorm(d);
    double f0 = e0.f;

    Eval eNew = obj.evaluateAt(x, t, d);
    int evals = 1;
    double gtdNew = dot(eNew.g, d);
    double tPrev = 0;
    Eval ePrev = e0;
    double gtdPrev = gtd0;

    // Bracketing phase (Alg. 3.5).
    double[] bt = null;
    Eval[] be = null;
    double[] bgtd = null;
    while (evals <= maxEvals) {
      if (!(eNew.fOrInf() <= f0 + c1 * t * gtd0) || (evals > 2 && eNew.fOrInf() >= ePrev.fOrInf())) {
        bt = new double[] {tPrev, t};  // sufficient decrease fails or loss rose: a minimiser lies between
        be = new Eval[] {ePrev, eNew};
        bgtd = new double[] {gtdPrev, gtdNew};
        break;
      }
      if (Math.abs(gtdNew) <= -c2 * gtd0) {
        return new LineSearch(t, eNew, evals, true); // strong Wolfe point
      }
      if (gtdNew >= 0) {
        bt = new double[] {tPrev, t};  // slope turned positive: a minimiser lies between
        be = new Eval[] {ePrev, eNew};
        bgtd = new double[] {gtdPrev, gtdNew};
        break;
      }
      if (evals == maxEvals) {
        break;
      }
      double minStep = t + 0.01 * (t - tPrev);
      double maxStep = t * 10;
      double tmp = t;
      t = cubicMinimizer(tPrev, ePrev.fOrInf(), gtdPrev, t, eNew.fOrInf(), gtdNew, minStep, maxStep);
      tPrev = tmp;
      ePrev = eNew;
      gtdPrev = gtdNew;
      eNew = obj.evaluateAt(x, t, d);
      evals++;
      gtdNew = dot(eNew.g, d);
    }
    if (bt == null) {
      // Budget spent while still extrapolating: the last point has sufficient decrease, take the better one.
      return eNew.fOrInf() <= f0 ? new LineSearch(t, eNew, evals, false) : new LineSearch(0, e0, evals, false);
    }

    // Zoom phase (Alg. 3.6): shrink the bracket; `low` always holds the lower loss.
    boolean insufficientProgress = false;
    int low = be[0].fOrInf() <= be[1].fOrInf() ? 0 : 1;
    int high = 1 - low;
    while (evals < maxEvals) {
      if (Math.abs(bt[1] - bt[0]) * dNorm < config.changeTolerance()) {
        break;
      }
      double lo = Math.min(bt[0], bt[1]);
      double hi = Math.max(bt[0], bt[1]);
      t = cubicMinimizer(bt[0], be[0].fOrInf(), bgtd[0], bt[1], be[1].fOrInf(), bgtd[1], lo, hi);
      // Safeguard: keep t at least 10% of the bracket away from its ends, unless that keeps failing.
      double eps = 0.1 * (hi - lo);
      if (Math.min(hi - t, t - lo) < eps) {
        if (insufficientProgress || t >= hi || t <= lo) {
          t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
          insufficientProgress = false;
        } else {
          insufficientProgress = true;
        }
      } else {
        insufficientProgress = false;
      }
      eNew = obj.evaluateAt(x, t, d);
      evals++;
      gtdNew = dot(eNew.g, d);
      if (!(eNew.fOrInf() <= f0 + c1 * t * gtd0) || eNew.fOrInf() >= be[low].fOrInf()) {
        bt[high] = t;
        be[high] = eNew;
        bgtd[high] = gtdNew;
        low = be[0].fOrInf() <= be[1].fOrInf() ? 0 : 1;
        high = 1 - low;
      } else {
        if (Math.abs(gtdNew) <= -c2 * gtd0) {
          return new LineSearch(t, eNew, evals, true);
        }
        if (gtdNew * (bt[high] - bt[low]) >= 0) {
          bt[high] = bt[low];
          be[high] = be[low];
          bgtd[high] = bgtd[low];
        }
        bt[low] = t;
        be[low] = eNew;
        bgtd[low] = gtdNew;
      }
    }
    return new LineSearch(bt[low], be[low], evals, false);
  }

  /**
   * The minimiser of the cubic through (x₁, f₁, f′₁) and (x₂, f₂, f′₂) (Nocedal &amp; Wright eq. 3.59),
   * clamped to [lo, hi]; the midpoint when the cubic has no minimiser or the data are not finite.
   */
  static double cubicMinimizer(double x1, double f1, double g1, double x2, double f2, double g2, double lo,
      double hi) {
    double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
    double d2sq = d1 * d1 - g1 * g2;
    if (d2sq >= 0) {
      double d2 = Math.sqrt(d2sq);
      double minPos = x1 <= x2
          ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
          : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
      if (Double.isFinite(minPos)) {
        return Math.min(Math.max(minPos, lo), hi);
      }
    }
    return (lo + hi) / 2;
  }

  /** The loss and its gradient as functions of the flat float64 vector x. */
  private static final class Objective {
    private final Supplier<Tensor> loss;
    private final List<Tensor> params;
    private final int size;

    Objective(Supplier<Tensor> loss, List<Tensor> params) {
      Check.notNull("Lbfgs.minimize params", params);
      if (params.isEmpty()) {
        throw new IllegalArgumentException("Lbfgs.minimize: params is empty; give at least one parameter");
      }
      Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      long n = 0;
      for (int i = 0; i < params.size(); i++) {
        Tensor p = Check.notNull("Lbfgs.minimize parameter #" + i, params.get(i));
        if (!seen.add(p)) {
          throw new IllegalArgumentException("Lbfgs.minimize: parameter #" + i + " (" + p + ") appears twice");
        }
        n += p.value().length();
      }
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("Lbfgs.minimize: " + n + " parameters do not fit one flat Java array");
      }
      this.loss = loss;
      this.params = List.copyOf(params);
      this.size = (int) n;
    }

    /** The parameters' values, flattened row-major in list order, as float64. */
    double[] read() {
      double[] x = new double[size];
      int off = 0;
      for (Tensor p : params) {
        double[] v = p.value().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int n = (int) p.value().length();
        System.arraycopy(v, 0, x, off, n);
        off += n;
      }
      return x;
    }

    /** Writes x into the parameters' arrays in place, cast to each one's data type. */
    void write(double[] x) {
      int off = 0;
      for (Tensor p : params) {
        int n = (int) p.value().length();
        INDArray src = Nd4j.create(Arrays.copyOfRange(x, off, off + n), p.shape(), DataType.DOUBLE);
        p.value().assign(src.castTo(p.dataType()));
        off += n;
      }
    }

    Eval evaluateAt(double[] x, double t, double[] d) {
      double[] xt = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        xt[i] = x[i] + t * d[i];
      }
      return evaluate(xt);
    }

    Eval evaluate(double[] x) {
      write(x);
      double f;
      DataType precision;
      List<Tensor> grads;
      // Record even when the caller is inside Autograd.noGrad(): the gradient needs the graph.
      Autograd.Scope recording = Autograd.setRecording(true);
      try {
        Tensor l = loss.get();
        if (l == null || l.value().length() != 1) {
          throw new IllegalArgumentException("Lbfgs.minimize: the loss supplier must return a one-element tensor, got "
              + l);
        }
        f = l.item();
        precision = l.dataType();
        grads = Autograd.grad(l, params, false);
      } finally {
        recording.close();
      }
      double[] g = new double[size];
      int off = 0;
      Iterator<Tensor> it = grads.iterator();
      for (Tensor p : params) {
        double[] v = it.next().value().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int n = (int) p.value().length();
        System.arraycopy(v, 0, g, off, n);
        off += n;
      }
      return new Eval(f, g, precision);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double infNorm(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** The spacing of values of the loss's type at |f| (float32's for anything narrower than float64). */
  private static double ulp(double f, DataType precision) {
    return precision == DataType.DOUBLE ? Math.ulp(f) : Math.ulp((float) f);
  }

  private static double l1Norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += Math.abs(v);
    }
    return s;
  }
}
