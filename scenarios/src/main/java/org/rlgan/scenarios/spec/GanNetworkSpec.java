package org.rlgan.scenarios.spec;

import java.util.Arrays;
import java.util.function.BiConsumer;
import org.rlgan.gan.models.Dcgan;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanArchitecture;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.scenarios.config.Opt;

/** The generator and discriminator of a {@code kind: gan} scenario (docs/gan.md, "Models"). */
public interface GanNetworkSpec {

  GanArchitecture architecture();

  /** Whether these networks take images [C, H, W] (true) or vectors [d] (false). */
  default boolean images() {
    return false;
  }

  /** Adds what the networks imply to gan-lab's configuration (condition classes, InfoGAN codes). */
  default void configure(GanConfig.Builder b, GanDataSpec data) {}

  /**
   * Reports networks that do not suit the data at their key: (key, message). {@code shape} is the data's per-sample
   * shape (null when unknown: nothing is checked).
   */
  default void check(GanDataSpec data, long[] shape, BiConsumer<String, String> error) {
    if (shape != null && shape.length != 1) {
      error.accept("type", "the data are images " + Arrays.toString(shape) + "; these are networks for vectors "
          + "(2-D data): use networks: {type: dcgan}");
    }
  }

  /** Two-hidden-layer ReLU MLPs for G and D (the microbench networks). */
  record Mlp(String type, @Opt(doc = "units per hidden layer", def = "128", range = "[1, inf)") int hidden)
      implements GanNetworkSpec {
    @Override
    public GanArchitecture architecture() {
      return Mlp2d.relu(hidden);
    }
  }

  /**
   * PacGAN's 2-D networks: G layers of Dense (no bias) → batch normalisation → ReLU, D layers of maxout; N(0, 0.02²)
   * weights.
   */
  record Pacgan(String type,
      @Opt(doc = "generator units per hidden layer (PacGAN: 400)", def = "400", range = "[1, inf)") int genHidden,
      @Opt(doc = "generator hidden layers (PacGAN: 4)", def = "4", range = "[1, inf)") int genLayers,
      @Opt(doc = "discriminator maxout units per layer (PacGAN: 200)", def = "200", range = "[1, inf)")
      int discHidden,
      @Opt(doc = "discriminator maxout layers (PacGAN: 3)", def = "3", range = "[1, inf)") int discLayers,
      @Opt(doc = "maxout pieces (PacGAN: 5)", def = "5", range = "[1, inf)") int pieces) implements GanNetworkSpec {
    @Override
    public GanArchitecture architecture() {
      return Mlp2d.pacgan(genHidden, genLayers, discHidden, discLayers, pieces);
    }
  }

  /**
   * DCGAN (Radford et al. 2016; gan-lab's {@link Dcgan}) for images whose sides are multiples of 4, optionally
   * conditional on the data's labels (Mirza and Osindero 2014) or with InfoGAN's codes (Chen et al. 2016).
   */
  record DcganSpec(String type,
      @Opt(doc = "w: channels after D's first convolution and before G's last (the PyTorch peer: 64)", def = "64",
          range = "[1, inf)") int width,
      @Opt(doc = "condition G and D on the data's labels (a conditional GAN; labelled data: mnist, fashion_mnist)",
          def = "false") boolean conditional,
      @Opt(doc = "InfoGAN: values of one categorical latent code (0: none; InfoGAN's MNIST run: 10)", def = "0",
          range = "[0, inf)") int infoCategorical,
      @Opt(doc = "InfoGAN: continuous latent codes ~ U(-1, 1) (InfoGAN's MNIST run: 2)", def = "0",
          range = "[0, inf)") int infoContinuous,
      @Opt(doc = "InfoGAN's λ for the categorical code's term", def = "1", range = "[0, inf)") double infoWeight,
      @Opt(doc = "InfoGAN's λ for the continuous codes' term", def = "1", range = "[0, inf)")
      double infoContinuousWeight) implements GanNetworkSpec {

    @Override
    public GanArchitecture architecture() {
      return new Dcgan(width);
    }

    @Override
    public boolean images() {
      return true;
    }

    @Override
    public void configure(GanConfig.Builder b, GanDataSpec data) {
      b.conditionClasses(conditional ? data.classes() : 0).infoCodes(infoCategorical, infoContinuous)
          .infoWeights(infoWeight, infoContinuousWeight);
    }

    @Override
    public void check(GanDataSpec data, long[] shape, BiConsumer<String, String> error) {
      if (shape != null && !Dcgan.fits(shape)) {
        error.accept("type", shape.length == 1 ? "the data are vectors " + Arrays.toString(shape) + "; dcgan is for "
            + "images: use networks: {type: mlp} or {type: pacgan}" : "dcgan needs images [C, H, W] with H and W "
            + "multiples of 4; the data's are " + Arrays.toString(shape));
      }
      if (conditional && data.classes() == 0) {
        error.accept("conditional", "a conditional GAN needs labelled data (mnist, fashion_mnist); this data set has "
            + "no labels: set conditional: false");
      }
      if (infoCategorical == 1) {
        error.accept("info_categorical", "a categorical code needs at least 2 values (0: none)");
      }
    }
  }
}
