package org.rlgan.scenarios.sweep;

import java.util.List;
import java.util.SplittableRandom;
import org.rlgan.scenarios.config.Opt;

/**
 * How a {@code random:} sweep draws one key: {@code {type: uniform, low: 0.9, high: 0.999}},
 * {@code {type: log_uniform, low: 1e-4, high: 1e-2}}, {@code {type: integer, low: 1, high: 8}} (both ends
 * included) or {@code {type: choice, values: [32, 64, 128]}}.
 */
public interface Distribution {

  /** One draw, as plain data (Double, Long, or a {@code choice} value), from {@code rng}. */
  Object sample(SplittableRandom rng);

  /** The values that bound the draws (the ends of a range, every choice), checked against the key's range. */
  List<Object> extremes();

  /** Uniform on [low, high). */
  record Uniform(String type, @Opt(doc = "the lower end") double low, @Opt(doc = "the upper end") double high)
      implements Distribution {
    public Uniform {
      if (!(low < high)) {
        throw new IllegalArgumentException("low " + low + " must be below high " + high);
      }
    }

    @Override
    public Object sample(SplittableRandom rng) {
      return low + rng.nextDouble() * (high - low);
    }

    @Override
    public List<Object> extremes() {
      return List.of(low, high);
    }
  }

  /** exp(Uniform[ln low, ln high)): equal mass per decade, the usual prior for learning rates. */
  record LogUniform(String type, @Opt(doc = "the lower end", range = "(0, inf)") double low,
      @Opt(doc = "the upper end", range = "(0, inf)") double high) implements Distribution {
    public LogUniform {
      if (!(low < high)) {
        throw new IllegalArgumentException("low " + low + " must be below high " + high);
      }
    }

    @Override
    public Object sample(SplittableRandom rng) {
      return Math.exp(Math.log(low) + rng.nextDouble() * (Math.log(high) - Math.log(low)));
    }

    @Override
    public List<Object> extremes() {
      return List.of(low, high);
    }
  }

  /** A whole number uniform on {low, ..., high}. */
  record IntegerRange(String type, @Opt(doc = "the smallest value") long low,
      @Opt(doc = "the largest value (included)") long high) implements Distribution {
    public IntegerRange {
      if (low > high) {
        throw new IllegalArgumentException("low " + low + " must not be above high " + high);
      }
    }

    @Override
    public Object sample(SplittableRandom rng) {
      return low + rng.nextLong(high - low + 1);
    }

    @Override
    public List<Object> extremes() {
      return List.of(low, high);
    }
  }

  /** One of the values, each equally likely; the values may be numbers, strings or whole blocks. */
  record Choice(String type, @Opt(doc = "the values to choose from") List<Object> values) implements Distribution {
    public Choice {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a choice needs at least one value in 'values'");
      }
    }

    @Override
    public Object sample(SplittableRandom rng) {
      return values.get(rng.nextInt(values.size()));
    }

    @Override
    public List<Object> extremes() {
      return values;
    }
  }
}
