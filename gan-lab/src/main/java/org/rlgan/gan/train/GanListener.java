package org.rlgan.gan.train;

/** Observes training; returning false from {@link #onStep} stops {@link GanTrainer#train} after this step. */
@FunctionalInterface
public interface GanListener {
  boolean onStep(GanTrainer trainer, StepMetrics metrics);
}
