package org.rlgan.gan.metrics;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.data.Mnist;

/**
 * Scores generated images against a fixed set of real ones with {@link ImageMetrics} on the features of a
 * {@link MnistClassifier}: classifier-FID against all the reference images, KID (subsets of up to 1,000), the
 * classifier score (10 splits), precision and recall (k = 3) against as many reference images as there are
 * generated ones, and for a conditional generator the fraction of samples the classifier assigns to the requested
 * class. The reference features are computed once. Deterministic: KID's subsets come from a generator seeded with 0
 * at every call.
 */
public final class ImageEvaluator {
  private final MnistClassifier classifier;
  private final double[][] referenceFeatures;
  private final ImageMetrics.Gaussian reference;

  /** Real images [n, 1, 28, 28] in [0, 1] (e.g. the MNIST test digits) as the reference set. */
  public ImageEvaluator(MnistClassifier classifier, INDArray realImages) {
    this.classifier = classifier;
    this.referenceFeatures = classifier.features(realImages);
    this.reference = ImageMetrics.Gaussian.fit(referenceFeatures);
  }

  /** All images of a split as the reference set. */
  public ImageEvaluator(MnistClassifier classifier, Mnist.Split real) {
    this(classifier, Nd4j.createFromArray(real.images(0, real.size())).reshape(real.size(), 1, Mnist.ROWS,
        Mnist.COLUMNS));
  }

  /**
   * The scores of one set of generated images.
   *
   * @param fid classifier-FID (not Inception FID)
   * @param kid KID's mean and standard deviation over subsets
   * @param score the classifier score (Inception-score analogue), mean and standard deviation over 10 splits
   * @param precisionRecall Kynkäänniemi et al.'s precision and recall, k = 3
   * @param classAccuracy for a conditional generator, the fraction classified as the requested label; NaN otherwise
   */
  public record Scores(double fid, ImageMetrics.MeanStd kid, ImageMetrics.MeanStd score,
      ImageMetrics.PrecisionRecall precisionRecall, double classAccuracy) {
    /** One JSON object on one line. */
    public String toJson() {
      return String.format(Locale.ROOT, "{\"fid\":%.4f,\"kid\":%.5f,\"kid_std\":%.5f,\"score\":%.4f,\"score_std\":%.4f,"
          + "\"precision\":%.4f,\"recall\":%.4f,\"class_accuracy\":%s}", fid, kid.mean(), kid.std(), score.mean(),
          score.std(), precisionRecall.precision(), precisionRecall.recall(),
          Double.isNaN(classAccuracy) ? "null" : String.format(Locale.ROOT, "%.4f", classAccuracy));
    }
  }

  /**
   * Scores generated images [n, 1, 28, 28] in [0, 1] (n ≥ 20; map a tanh generator's output with
   * {@link MnistClassifier#fromTanh}); {@code requestedLabels} [n] for a conditional generator, else null.
   */
  public Scores evaluate(INDArray generated, long[] requestedLabels) {
    double[][] f = classifier.features(generated);
    double[][] p = classifier.probabilities(generated);
    int n = f.length;
    double fid = ImageMetrics.frechetDistance(reference, ImageMetrics.Gaussian.fit(f));
    ImageMetrics.MeanStd kid = ImageMetrics.kernelDistance(referenceFeatures, f, 10, 1000, new SplittableRandom(0));
    ImageMetrics.MeanStd score = ImageMetrics.classifierScore(p, Math.min(10, n));
    double[][] realSubset = java.util.Arrays.copyOf(referenceFeatures, Math.min(n, referenceFeatures.length));
    ImageMetrics.PrecisionRecall pr = ImageMetrics.precisionRecall(realSubset, f, 3);
    double acc = Double.NaN;
    if (requestedLabels != null) {
      int hit = 0;
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int c = 1; c < p[i].length; c++) {
          best = p[i][c] > p[i][best] ? c : best;
        }
        hit += best == requestedLabels[i] ? 1 : 0;
      }
      acc = (double) hit / n;
    }
    return new Scores(fid, kid, score, pr, acc);
  }
}
