package org.rlgan.nets;

/**
 * The geometry of a 2-D convolution or pooling window besides its kernel size: stride, zero padding (the same
 * on both sides of a dimension, as PyTorch's {@code padding=(ph, pw)}), dilation and channel groups.
 *
 * <p>For an input of height H, the output height is ⌊(H + 2·padH − dilationH·(kH − 1) − 1) / strideH⌋ + 1
 * (PyTorch's {@code Conv2d}); the same for the width.
 *
 * @param strideH vertical stride, ≥ 1
 * @param strideW horizontal stride, ≥ 1
 * @param padH zero rows added above and below, ≥ 0
 * @param padW zero columns added left and right, ≥ 0
 * @param dilationH vertical spacing of kernel taps, ≥ 1 (1 = a dense kernel)
 * @param dilationW horizontal spacing of kernel taps, ≥ 1
 * @param groups channel groups, ≥ 1: input and output channels are split into this many blocks and block i of
 *     the output sees only block i of the input (groups = channels is a depthwise convolution)
 */
public record Conv2dOptions(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {

  /** Stride 1, no padding, no dilation, one group. */
  public static final Conv2dOptions DEFAULT = new Conv2dOptions(1, 1, 0, 0, 1, 1, 1);

  public Conv2dOptions {
    check("strideH", strideH, 1);
    check("strideW", strideW, 1);
    check("padH", padH, 0);
    check("padW", padW, 0);
    check("dilationH", dilationH, 1);
    check("dilationW", dilationW, 1);
    check("groups", groups, 1);
  }

  private static void check(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException("Conv2dOptions." + field + " must be >= " + min + ", got " + value);
    }
  }

  /** Square stride and padding, no dilation, one group. */
  public static Conv2dOptions of(int stride, int padding) {
    return new Conv2dOptions(stride, stride, padding, padding, 1, 1, 1);
  }

  /** The same geometry with another number of groups. */
  public Conv2dOptions withGroups(int g) {
    return new Conv2dOptions(strideH, strideW, padH, padW, dilationH, dilationW, g);
  }

  /** The same geometry with another dilation. */
  public Conv2dOptions withDilation(int dh, int dw) {
    return new Conv2dOptions(strideH, strideW, padH, padW, dh, dw, groups);
  }

  /** The output height for an input of height {@code h} and a kernel of height {@code kh} (may be ≤ 0: too small). */
  public long outputHeight(long h, long kh) {
    return Math.floorDiv(h + 2L * padH - (long) dilationH * (kh - 1) - 1, strideH) + 1;
  }

  /** The output width for an input of width {@code w} and a kernel of width {@code kw} (may be ≤ 0: too small). */
  public long outputWidth(long w, long kw) {
    return Math.floorDiv(w + 2L * padW - (long) dilationW * (kw - 1) - 1, strideW) + 1;
  }
}
