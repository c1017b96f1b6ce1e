package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Recurrent;
import org.rlgan.nets.layers.SequenceOutput;

/**
 * Golden values: two-layer LSTM and GRU forward passes against PyTorch 1.13 ({@code nn.LSTM}, {@code nn.GRU},
 * {@code batch_first=True}, float64) for fixed weights, unpadded and with padded sequences (PyTorch's
 * {@code pack_padded_sequence} with lengths [4, 2], whose padded outputs are zero and whose h_n is each
 * sequence's last real step, as our masks). Under both kernel implementations (fused LSTM and composite).
 *
 * <p>The numbers were printed by this script ({@code /usr/bin/python3}, Debian's python3-torch 1.13):
 * <pre>
 *   import math, torch
 *   torch.set_default_dtype(torch.float64)
 *   def fill(t, k):  # w[i] = 0.5 sin(0.37 i + k), row-major over PyTorch's own layout
 *       flat = torch.tensor([0.5 * math.sin(0.37 * i + k) for i in range(t.numel())])
 *       t.data.copy_(flat.view_as(t))
 *   n, T, I, H = 2, 4, 3, 4
 *   x = torch.tensor([math.cos(0.23 * i) for i in range(n * T * I)]).view(n, T, I)
 *   lengths = [4, 2]
 *   for name, cls in (("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)):
 *       m = cls(I, H, num_layers=2, batch_first=True)
 *       for k, (pn, p) in enumerate(m.named_parameters()):
 *           fill(p, k)
 *       out, st = m(x)
 *       hn = st[0] if name == "lstm" else st
 *       print(name, "out", [round(v, 12) for v in out.flatten().tolist()])
 *       print(name, "h_n", [round(v, 12) for v in hn.flatten().tolist()])
 *       if name == "lstm":
 *           print(name, "c_n", [round(v, 12) for v in st[1].flatten().tolist()])
 *       packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
 *       pout, pst = m(packed)
 *       pout, _ = torch.nn.utils.rnn.pad_packed_sequence(pout, batch_first=True, total_length=T)
 *       phn = pst[0] if name == "lstm" else pst
 *       print(name, "packed_out", [round(v, 12) for v in pout.flatten().tolist()])
 *       print(name, "packed_h_n", [round(v, 12) for v in phn.flatten().tolist()])
 * </pre>
 * Our weights are PyTorch's transposed ([in, G·H]); the same formula fills PyTorch's layout, then we transpose.
 */
@ExtendWith(KernelModes.class)
class SequenceGoldenTest {
  private static final int N = 2;
  private static final int T = 4;
  private static final int I = 3;
  private static final int H = 4;

  private static final double[] LSTM_OUT = {
      0.046838042762, 0.036512747349, -0.120330181385, -0.138960494122, 0.089130058975, 0.042158067168,
      -0.172918952255, -0.193457664251, 0.069756869953, -0.021787537884, -0.210518719701, -0.266187509531,
      0.051019096421, -0.080584727561, -0.223093861388, -0.310529034925, -0.022713631001, -0.067133270423,
      -0.110296211061, -0.17057446333, -0.017254274066, -0.110563387884, -0.171043076317, -0.243994527466,
      0.01016874681, -0.136342605693, -0.198980984226, -0.264889269566, 0.076939650969, -0.138909414243,
      -0.202990619685, -0.23549081994};
  private static final double[] LSTM_H_N = {
      -0.218393929396, -0.047772977865, 0.156504423962, 0.24625027207, -0.355153995249, -0.311415363551,
      -0.131459064793, 0.12510145831, 0.051019096421, -0.080584727561, -0.223093861388, -0.310529034925,
      0.076939650969, -0.138909414243, -0.202990619685, -0.23549081994};
  private static final double[] LSTM_C_N = {
      -0.556099835609, -0.104057007413, 0.216788316434, 0.2882704021, -0.513900785413, -0.452874031666,
      -0.208119016208, 0.210102712834, 0.167642046713, -0.286339756641, -0.862593530844, -1.008910972582,
      0.224768797869, -0.380266799223, -0.837634545887, -1.025037611952};
  private static final double[] LSTM_PACKED_OUT = {
      0.046838042762, 0.036512747349, -0.120330181385, -0.138960494122, 0.089130058975, 0.042158067168,
      -0.172918952255, -0.193457664251, 0.069756869953, -0.021787537884, -0.210518719701, -0.266187509531,
      0.051019096421, -0.080584727561, -0.223093861388, -0.310529034925, -0.022713631001, -0.067133270423,
      -0.110296211061, -0.17057446333, -0.017254274066, -0.110563387884, -0.171043076317, -0.243994527466, 0.0, 0.0,
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  private static final double[] LSTM_PACKED_H_N = {
      -0.218393929396, -0.047772977865, 0.156504423962, 0.24625027207, -0.212025588448, 0.09459100418,
      0.172238099169, 0.111244915924, 0.051019096421, -0.080584727561, -0.223093861388, -0.310529034925,
      -0.017254274066, -0.110563387884, -0.171043076317, -0.243994527466};
  private static final double[] GRU_OUT = {
      0.074746477345, 0.085877398929, -0.264666878866, -0.486246048266, 0.149268594824, 0.173932892099,
      -0.46124493564, -0.706120119671, 0.195786168607, 0.182759026652, -0.508833710123, -0.745490191175,
      0.130750656803, 0.010977284247, -0.475029278644, -0.643448404856, -0.093656005148, -0.164146080705,
      -0.054114649897, -0.107184079191, -0.104784093949, -0.264663112755, -0.145844023825, -0.194253396241,
      -0.037776693951, -0.236281019595, -0.287804182937, -0.360526310564, 0.053983931353, -0.098022910426,
      -0.458890293007, -0.592601092123};
  private static final double[] GRU_H_N = {
      -0.59866155957, 0.005414915989, 0.429555432445, 0.356332310902, -0.448460918822, -0.443894928965,
      -0.269228729097, 0.052598744071, 0.130750656803, 0.010977284247, -0.475029278644, -0.643448404856,
      0.053983931353, -0.098022910426, -0.458890293007, -0.592601092123};
  private static final double[] GRU_PACKED_OUT = {
      0.074746477345, 0.085877398929, -0.264666878866, -0.486246048266, 0.149268594824, 0.173932892099,
      -0.46124493564, -0.706120119671, 0.195786168607, 0.182759026652, -0.508833710123, -0.745490191175,
      0.130750656803, 0.010977284247, -0.475029278644, -0.643448404856, -0.093656005148, -0.164146080705,
      -0.054114649897, -0.107184079191, -0.104784093949, -0.264663112755, -0.145844023825, -0.194253396241, 0.0, 0.0,
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  private static final double[] GRU_PACKED_H_N = {
      -0.59866155957, 0.005414915989, 0.429555432445, 0.356332310902, -0.29900064042, 0.465775892753, 0.657008928002,
      -0.048629230351, 0.130750656803, 0.010977284247, -0.475029278644, -0.643448404856, -0.104784093949,
      -0.264663112755, -0.145844023825, -0.194253396241};

  /** The script's fill: PyTorch's [rows, cols] array w[i] = 0.5 sin(0.37 i + k), returned transposed. */
  private static INDArray torchWeightTransposed(long[] torchShape, int k) {
    long len = torchShape.length == 1 ? torchShape[0] : torchShape[0] * torchShape[1];
    double[] v = new double[(int) len];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.5 * Math.sin(0.37 * i + k);
    }
    INDArray a = Nd4j.create(v, torchShape, DataType.DOUBLE);
    return torchShape.length == 1 ? a : a.transpose().dup('c');
  }

  private static Recurrent withTorchWeights(Recurrent.Cell cell) {
    Recurrent r = new Recurrent(cell, I, H, 2, true, 0.0, DataType.DOUBLE, new SplittableRandom(0));
    int k = 0;
    for (Map.Entry<String, Tensor> p : r.namedParameters().entrySet()) {
      long[] s = p.getValue().shape();
      long[] torchShape = s.length == 1 ? s : new long[] {s[1], s[0]};
      p.getValue().value().assign(torchWeightTransposed(torchShape, k++));
    }
    return r;
  }

  private static Tensor input() {
    double[] x = new double[N * T * I];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.cos(0.23 * i);
    }
    return Tensor.of(x, N, T, I);
  }

  /** PyTorch's h_n [layers, n, H] flattened, from our per-layer list. */
  private static double[] stacked(java.util.List<Tensor> states) {
    double[] out = new double[2 * N * H];
    for (int l = 0; l < 2; l++) {
      System.arraycopy(states.get(l).value().dup().data().asDouble(), 0, out, l * N * H, N * H);
    }
    return out;
  }

  private static double[] flat(Tensor t) {
    return t.value().dup().data().asDouble();
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void lstmMatchesPyTorch(Kernels.Mode mode) {
    KernelModes.use(mode);
    Recurrent lstm = withTorchWeights(Recurrent.Cell.LSTM);
    SequenceOutput out = lstm.forward(input(), null, null, ForwardContext.eval());
    assertArrayEquals(LSTM_OUT, flat(out.outputs()), 1e-11);
    assertArrayEquals(LSTM_H_N, stacked(out.state().h()), 1e-11);
    assertArrayEquals(LSTM_C_N, stacked(out.state().c()), 1e-11);
    SequenceOutput packed = lstm.forward(input(), mask(), null, ForwardContext.eval());
    assertArrayEquals(LSTM_PACKED_OUT, flat(packed.outputs()), 1e-11);
    assertArrayEquals(LSTM_PACKED_H_N, stacked(packed.state().h()), 1e-11);
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void gruMatchesPyTorch(Kernels.Mode mode) {
    KernelModes.use(mode);
    Recurrent gru = withTorchWeights(Recurrent.Cell.GRU);
    SequenceOutput out = gru.forward(input(), null, null, ForwardContext.eval());
    assertArrayEquals(GRU_OUT, flat(out.outputs()), 1e-11);
    assertArrayEquals(GRU_H_N, stacked(out.state().h()), 1e-11);
    SequenceOutput packed = gru.forward(input(), mask(), null, ForwardContext.eval());
    assertArrayEquals(GRU_PACKED_OUT, flat(packed.outputs()), 1e-11);
    assertArrayEquals(GRU_PACKED_H_N, stacked(packed.state().h()), 1e-11);
  }

  /** Lengths [4, 2]. */
  private static INDArray mask() {
    return Nd4j.create(new double[] {1, 1, 1, 1, 1, 1, 0, 0}, new long[] {N, T}, DataType.DOUBLE);
  }
}
