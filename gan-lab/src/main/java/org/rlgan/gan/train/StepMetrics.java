package org.rlgan.gan.train;

/**
 * What one training step measured (deterministic: no timings). Discriminator figures are from the step's last
 * critic update.
 *
 * @param step the number of completed steps (generator updates), from 1
 * @param discriminatorLoss L_D without the penalty
 * @param penalty the penalty term added to L_D (0 when none)
 * @param generatorLoss L_G
 * @param realScore the mean discriminator output on the real batch
 * @param fakeScore the mean discriminator output on the generated batch
 * @param generatorLr the generator's learning rate for its next update
 * @param discriminatorLr the discriminator's learning rate for its next update
 * @param infoLoss InfoGAN's weighted term λ·L_I added to the generator's loss (0 without codes)
 */
public record StepMetrics(long step, double discriminatorLoss, double penalty, double generatorLoss,
    double realScore, double fakeScore, double generatorLr, double discriminatorLr, double infoLoss) {

  /** One JSON object on one line; numbers printed with {@link Double#toString} (shortest exact form). */
  public String toJson() {
    return "{\"step\":" + step + ",\"d_loss\":" + num(discriminatorLoss) + ",\"penalty\":" + num(penalty)
        + ",\"g_loss\":" + num(generatorLoss) + ",\"d_real\":" + num(realScore) + ",\"d_fake\":" + num(fakeScore)
        + ",\"lr_g\":" + num(generatorLr) + ",\"lr_d\":" + num(discriminatorLr) + ",\"info\":" + num(infoLoss) + "}";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
  }
}
