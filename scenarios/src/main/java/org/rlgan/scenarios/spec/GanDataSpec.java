package org.rlgan.scenarios.spec;

import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.RealData;
import org.rlgan.gan.data.SwissRoll;
import org.rlgan.scenarios.config.Opt;

/** The real data of a {@code kind: gan} scenario (docs/gan.md, "Data"). */
public interface GanDataSpec {

  RealData data();

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
}
