package org.rlgan.mdp;

/**
 * A value that changes with the step count: exploration rates, temperatures, step sizes. Pure functions of the
 * step, so a resumed run recomputes them exactly from its step counter.
 */
public sealed interface Schedule {

  /** The value at step {@code step} (0-based). */
  double value(long step);

  /** The same value at every step. */
  record Constant(double value) implements Schedule {
    public Constant {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("Constant schedule value is " + value + "; it must be finite");
      }
    }

    @Override
    public double value(long step) {
      return value;
    }
  }

  /** From {@code start} to {@code end} linearly over {@code steps} steps, then {@code end} (SB3's linear schedule). */
  record Linear(double start, double end, long steps) implements Schedule {
    public Linear {
      if (steps <= 0 || !Double.isFinite(start) || !Double.isFinite(end)) {
        throw new IllegalArgumentException("Linear schedule: steps is " + steps + " (must be positive), start "
            + start + " and end " + end + " (must be finite)");
      }
    }

    @Override
    public double value(long step) {
      return step >= steps ? end : start + (end - start) * ((double) step / steps);
    }
  }

  /** {@code max(end, start · decay^step)}. */
  record Exponential(double start, double end, double decay) implements Schedule {
    public Exponential {
      if (!(decay > 0 && decay <= 1) || !Double.isFinite(start) || !Double.isFinite(end)) {
        throw new IllegalArgumentException("Exponential schedule: decay is " + decay + " (must be in (0, 1]), start "
            + start + " and end " + end + " (must be finite)");
      }
    }

    @Override
    public double value(long step) {
      return Math.max(end, start * Math.pow(decay, step));
    }
  }
}
