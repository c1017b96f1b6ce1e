package org.rlgan.nets.optim;

/**
 * A learning rate as a function of the optimizer's iteration count.
 *
 * <p>Convention (PyTorch's, where {@code scheduler.step()} follows {@code optimizer.step()}): the update
 * that an optimizer makes when it has already taken {@code t} steps uses {@code at(t)}, so the first
 * update uses {@code at(0)}. Every schedule is a validated record; {@code at} is pure, so a restored
 * iteration count (see {@link Optimizer#loadState}) restores the schedule too.
 */
public sealed interface LrSchedule
    permits LrSchedule.Constant, LrSchedule.Linear, LrSchedule.StepDecay, LrSchedule.Cosine, LrSchedule.Warmup {

  /**
   * The learning rate for the update made after {@code iteration} earlier updates.
   *
   * @param iteration the number of updates already taken, ≥ 0
   * @return a finite learning rate ≥ 0
   */
  double at(long iteration);

  /** A constant learning rate. */
  static LrSchedule constant(double lr) {
    return new Constant(lr);
  }

  private static void requireIteration(long iteration) {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration = " + iteration + " is invalid: it must be >= 0");
    }
  }

  /** The same learning rate at every iteration. */
  record Constant(double lr) implements LrSchedule {
    /** @throws IllegalArgumentException if lr is negative or not finite */
    public Constant {
      Check.nonNegative("LrSchedule.Constant.lr", lr);
    }

    @Override
    public double at(long iteration) {
      requireIteration(iteration);
      return lr;
    }
  }

  /**
   * Linear interpolation from {@code start} at iteration 0 to {@code end} at iteration {@code steps},
   * then constant at {@code end}: {@code at(t) = start + (end − start)·min(t, steps)/steps}.
   */
  record Linear(double start, double end, long steps) implements LrSchedule {
    /** @throws IllegalArgumentException if a rate is negative or not finite, or steps &lt; 1 */
    public Linear {
      Check.nonNegative("LrSchedule.Linear.start", start);
      Check.nonNegative("LrSchedule.Linear.end", end);
      Check.atLeast("LrSchedule.Linear.steps", steps, 1);
    }

    @Override
    public double at(long iteration) {
      requireIteration(iteration);
      if (iteration >= steps) {
        return end;
      }
      return start + (end - start) * ((double) iteration / steps);
    }
  }

  /**
   * Step decay (PyTorch's {@code StepLR}): {@code at(t) = initial·gamma^⌊t / everySteps⌋}.
   */
  record StepDecay(double initial, double gamma, long everySteps) implements LrSchedule {
    /** @throws IllegalArgumentException if initial is negative, gamma outside (0, 1], or everySteps &lt; 1 */
    public StepDecay {
      Check.nonNegative("LrSchedule.StepDecay.initial", initial);
      Check.inOpenClosed("LrSchedule.StepDecay.gamma", gamma, 0, 1);
      Check.atLeast("LrSchedule.StepDecay.everySteps", everySteps, 1);
    }

    @Override
    public double at(long iteration) {
      requireIteration(iteration);
      return initial * Math.pow(gamma, (double) (iteration / everySteps));
    }
  }

  /**
   * Cosine annealing (Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts",
   * ICLR 2017, eq. 5, without restarts; PyTorch's {@code CosineAnnealingLR} closed form):
   * {@code at(t) = min + (initial − min)·(1 + cos(π·t/steps))/2} for {@code t ≤ steps}, then {@code min}.
   */
  record Cosine(double initial, double min, long steps) implements LrSchedule {
    /** @throws IllegalArgumentException unless 0 ≤ min ≤ initial (finite) and steps ≥ 1 */
    public Cosine {
      Check.nonNegative("LrSchedule.Cosine.initial", initial);
      Check.nonNegative("LrSchedule.Cosine.min", min);
      if (min > initial) {
        throw new IllegalArgumentException("LrSchedule.Cosine.min = " + min + " is invalid: it must be in [0, initial = "
            + initial + "]");
      }
      Check.atLeast("LrSchedule.Cosine.steps", steps, 1);
    }

    @Override
    public double at(long iteration) {
      requireIteration(iteration);
      if (iteration >= steps) {
        return min;
      }
      return min + (initial - min) * (1 + Math.cos(Math.PI * iteration / steps)) / 2;
    }
  }

  /**
   * Linear warm-up, then another schedule (PyTorch's {@code LinearLR} followed by the other schedule in a
   * {@code SequentialLR}). With {@code base = after.at(0)} and {@code W = warmupSteps}:
   * {@code at(t) = base·(startFactor + (1 − startFactor)·t/W)} for {@code t < W}, and
   * {@code at(t) = after.at(t − W)} from then on, so {@code after} starts from its own iteration 0.
   * The warm-up of Goyal et al., "Accurate, Large Minibatch SGD" (2017), §2.2.
   */
  record Warmup(long warmupSteps, double startFactor, LrSchedule after) implements LrSchedule {
    /** @throws IllegalArgumentException if warmupSteps &lt; 1, startFactor outside (0, 1], or after is null */
    public Warmup {
      Check.atLeast("LrSchedule.Warmup.warmupSteps", warmupSteps, 1);
      Check.inOpenClosed("LrSchedule.Warmup.startFactor", startFactor, 0, 1);
      Check.notNull("LrSchedule.Warmup.after", after);
    }

    /** Warm-up starting at {@code after.at(0)/warmupSteps} (startFactor = 1/warmupSteps). */
    public Warmup(long warmupSteps, LrSchedule after) {
      this(warmupSteps, warmupSteps >= 1 ? 1.0 / warmupSteps : Double.NaN, after);
    }

    @Override
    public double at(long iteration) {
      requireIteration(iteration);
      if (iteration >= warmupSteps) {
        return after.at(iteration - warmupSteps);
      }
      double factor = startFactor + (1 - startFactor) * ((double) iteration / warmupSteps);
      return after.at(0) * factor;
    }
  }
}
