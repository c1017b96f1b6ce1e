package org.rlgan.gan.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.gan.layers.Maxout;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.optim.Adam;

/**
 * Unrolled GAN's surrogate discriminator with its full gradient (Metz, Poole, Pfau and Sohl-Dickstein 2017,
 * "Unrolled generative adversarial networks", eq. 10–12): θ_D^0 = θ_D, and k Adam steps
 * θ_D^{i+1} = θ_D^i − η m̂_{i+1}/(√v̂_{i+1} + ε) on L_D(θ_D^i, θ_G) are taken <em>on the tape</em>
 * ({@code createGraph = true}), so that the generator's loss f_K(θ_G) = L_G(θ_G, θ_D^k(θ_G)) can be differentiated
 * through the unrolled steps, including dθ_D^k/dθ_G. Adam's moments start from the real optimizer's state.
 *
 * <p>The discriminator is evaluated functionally, with the unrolled parameters in place of its own, so only
 * {@link Sequential} networks of {@link Dense}, {@link Activation} and {@link Maxout} layers are supported (the
 * 2-D discriminators). √v̂ is taken as √(v̂ + 1e-30) so that its derivative stays finite where a gradient is
 * exactly zero (a dead ReLU); the value changes by less than 1e-15.
 */
public final class Unrolling {
  private Unrolling() {}

  /**
   * θ_D^k as tensors on the tape, keyed by D's parameter names.
   *
   * @param d the discriminator (its parameters are θ_D^0; they are not changed)
   * @param adam the discriminator optimizer's configuration (no AMSGrad, no weight decay)
   * @param iterations the optimizer's iteration count (for the learning-rate schedule)
   * @param state the optimizer's state ({@code Optimizer.state(d.namedParameters())}); missing slots are zeros
   * @param reals k real batches (constants)
   * @param fakes k generated batches, recorded with respect to the generator's parameters
   */
  public static Map<String, Tensor> unroll(Sequential d, Adam.Config adam, long iterations, Map<String, INDArray> state,
      GanLoss loss, List<Tensor> reals, List<Tensor> fakes, ForwardContext ctx) {
    if (adam.amsgrad() || adam.weightDecay() != 0) {
      throw new IllegalArgumentException("exact unrolling supports Adam without AMSGrad or weight decay, got " + adam);
    }
    LinkedHashMap<String, Tensor> theta = new LinkedHashMap<>(d.namedParameters());
    Map<String, Tensor> m = new LinkedHashMap<>();
    Map<String, Tensor> v = new LinkedHashMap<>();
    Map<String, Long> steps = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> p : theta.entrySet()) {
      String k = p.getKey();
      m.put(k, slot(state, k + "/exp_avg", p.getValue()));
      v.put(k, slot(state, k + "/exp_avg_sq", p.getValue()));
      INDArray s = state.get(k + "/step");
      steps.put(k, s == null ? 0L : s.getLong(0));
    }
    double b1 = adam.beta1();
    double b2 = adam.beta2();
    for (int i = 0; i < reals.size(); i++) {
      double lr = adam.lr().at(iterations + i);
      Tensor lossD = loss.discriminator(forward(d, theta, reals.get(i), ctx), forward(d, theta, fakes.get(i), ctx));
      List<String> names = new ArrayList<>(theta.keySet());
      List<Tensor> current = new ArrayList<>(theta.values());
      // g_i = ∇_θ L_D(θ_D^i, θ_G), recorded: it depends on θ_G through the generated batch.
      List<Tensor> grads = Autograd.grad(lossD, current, true);
      for (int j = 0; j < names.size(); j++) {
        String k = names.get(j);
        Tensor g = grads.get(j);
        long t = steps.get(k) + i + 1;
        Tensor mi = Ops.add(Ops.mulScalar(m.get(k), b1), Ops.mulScalar(g, 1 - b1));            // m ← β₁m + (1 − β₁)g
        Tensor vi = Ops.add(Ops.mulScalar(v.get(k), b2), Ops.mulScalar(Ops.square(g), 1 - b2)); // v ← β₂v + (1 − β₂)g²
        Tensor mHat = Ops.mulScalar(mi, 1 / (1 - Math.pow(b1, t)));
        Tensor vHat = Ops.mulScalar(vi, 1 / (1 - Math.pow(b2, t)));
        Tensor denom = Ops.addScalar(Ops.sqrt(Ops.addScalar(vHat, 1e-30)), adam.eps());
        theta.put(k, Ops.sub(current.get(j), Ops.mulScalar(Ops.div(mHat, denom), lr)));       // θ ← θ − η m̂/(√v̂ + ε)
        m.put(k, mi);
        v.put(k, vi);
      }
    }
    return theta;
  }

  /** D(x) with the parameters taken from {@code params} (by D's names) instead of D's own. */
  public static Tensor forward(Sequential d, Map<String, Tensor> params, Tensor x, ForwardContext ctx) {
    Tensor h = x;
    List<Layer> layers = d.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (l instanceof Dense dense) {
        h = Ops.linear(h, params.get(i + ".weight"), dense.bias() == null ? null : params.get(i + ".bias"));
      } else if (l instanceof Maxout mo) {
        Tensor lin = Ops.linear(h, params.get(i + ".linear.weight"), params.get(i + ".linear.bias"));
        h = Ops.max(Ops.reshape(lin, lin.size(0), mo.outputShape(new long[] {h.size(1)})[0], mo.pieces()), 2, false);
      } else if (l instanceof Activation) {
        h = l.forward(h, ctx);
      } else {
        throw new IllegalArgumentException("exact unrolling evaluates Dense, Activation and Maxout layers only; layer "
            + i + " is " + l);
      }
    }
    return h;
  }

  private static Tensor slot(Map<String, INDArray> state, String key, Tensor like) {
    INDArray a = state.get(key);
    return Tensor.constant(a == null ? like.value().mul(0) : a.castTo(like.dataType()));
  }
}
