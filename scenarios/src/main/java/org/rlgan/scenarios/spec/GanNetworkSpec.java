package org.rlgan.scenarios.spec;

import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanArchitecture;
import org.rlgan.scenarios.config.Opt;

/** The generator and discriminator of a {@code kind: gan} scenario (docs/gan.md, "Models"). */
public interface GanNetworkSpec {

  GanArchitecture architecture();

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
}
