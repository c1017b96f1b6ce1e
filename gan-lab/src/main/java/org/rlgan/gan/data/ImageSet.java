package org.rlgan.gan.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed, unlabelled set of images held in memory as GAN data (e.g. frames collected from an environment): each
 * batch is n images drawn uniformly with replacement, [n, C, H, W], values as given (callers map them to [−1, 1], the
 * range of a tanh generator). Drawing with replacement keeps the source a distribution whose stream depends on the
 * generator's state alone, as {@link RealData} asks (the same rule as {@link MnistImages}).
 */
public final class ImageSet implements RealData {
  private final float[] pixels;
  private final long[] shape;
  private final int size;
  private final int per;
  private final String description;

  /**
   * @param pixels the images one after another, row-major [size, C, H, W] (kept, not copied: do not change it)
   * @param shape the per-image shape [C, H, W]
   * @param description what the images are, for messages and run records
   */
  public ImageSet(float[] pixels, long[] shape, String description) {
    Objects.requireNonNull(pixels, "pixels");
    if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
      throw new IllegalArgumentException("ImageSet takes images [C, H, W], got shape " + Arrays.toString(shape));
    }
    this.per = (int) (shape[0] * shape[1] * shape[2]);
    if (pixels.length == 0 || pixels.length % per != 0) {
      throw new IllegalArgumentException("ImageSet: " + pixels.length + " values are not a whole, non-zero number of "
          + Arrays.toString(shape) + " images");
    }
    this.pixels = pixels;
    this.shape = shape.clone();
    this.size = pixels.length / per;
    this.description = description;
  }

  /** The number of images. */
  public int size() {
    return size;
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive) as a new array [to − from, C, H, W]. */
  public INDArray images(int from, int to) {
    if (from < 0 || to > size || from >= to) {
      throw new IllegalArgumentException("ImageSet.images(" + from + ", " + to + "): the set holds " + size);
    }
    long[] s = {to - from, shape[0], shape[1], shape[2]};
    return Nd4j.createFromArray(Arrays.copyOfRange(pixels, from * per, to * per)).reshape(s);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public INDArray sample(int n, RandomGenerator rng, DataType type) {
    float[] x = new float[n * per];
    for (int i = 0; i < n; i++) {
      System.arraycopy(pixels, rng.nextInt(size) * per, x, i * per, per);
    }
    INDArray a = Nd4j.createFromArray(x).reshape(n, shape[0], shape[1], shape[2]);
    return type == DataType.FLOAT ? a : a.castTo(type);
  }

  @Override
  public String toString() {
    return "ImageSet[" + size + " x " + Arrays.toString(shape) + ", " + description + "]";
  }
}
