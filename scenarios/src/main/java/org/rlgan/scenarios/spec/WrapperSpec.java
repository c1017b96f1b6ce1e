package org.rlgan.scenarios.spec;

import org.rlgan.envs.wrappers.ClipReward;
import org.rlgan.envs.wrappers.DiscretizeActions;
import org.rlgan.envs.wrappers.FrameStack;
import org.rlgan.envs.wrappers.NormalizeObservation;
import org.rlgan.envs.wrappers.NormalizeReward;
import org.rlgan.envs.wrappers.OneHotObservation;
import org.rlgan.envs.wrappers.StickyActions;
import org.rlgan.mdp.Env;
import org.rlgan.scenarios.config.Opt;

/**
 * One entry of {@code env.wrappers:}, applied in the order listed (the first wraps the registry's environment, the
 * next wraps that). Each maps onto one wrapper of envs (docs/envs.md); the wrapper checks that the environment's
 * spaces suit it, and the scenario loader reports a mismatch at the entry.
 */
public interface WrapperSpec {

  /** Wraps {@code env}. @throws IllegalArgumentException when the environment's spaces do not suit the wrapper */
  Env<?, ?> wrap(Env<?, ?> env);

  /** (x − mean)/√(var + 1e-8) with running statistics (Gymnasium's NormalizeObservation); saved with checkpoints. */
  record NormalizeObservationSpec(String type) implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new NormalizeObservation<>((Env<double[], Object>) env);
    }
  }

  /** Reward divided by the running deviation of the discounted return (Gymnasium's NormalizeReward). */
  record NormalizeRewardSpec(String type,
      @Opt(doc = "the discount of the return whose deviation scales the reward", def = "0.99", range = "[0, 1]")
      double gamma) implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new NormalizeReward<>((Env<Object, Object>) env, gamma);
    }
  }

  /** The last k observations stacked along a new leading axis (Gymnasium's FrameStackObservation). */
  record FrameStackSpec(String type, @Opt(doc = "how many observations", range = "[1, inf)") int k,
      @Opt(doc = "what fills the stack after a reset: reset (copies of the first observation) or zero",
          def = "reset") FrameStack.Padding padding) implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new FrameStack<>((Env<double[], Object>) env, k, padding);
    }
  }

  /** Rewards clipped to [min, max] (Atari's sign-clipping with min −1, max 1). */
  record ClipRewardSpec(String type, @Opt(doc = "the lowest reward", def = "-1") double min,
      @Opt(doc = "the highest reward", def = "1") double max) implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new ClipReward<>((Env<Object, Object>) env, min, max);
    }
  }

  /** With probability p the previous action is repeated instead of the chosen one (Machado et al. 2018). */
  record StickyActionsSpec(String type,
      @Opt(doc = "the probability of repeating the previous action", def = "0.25", range = "[0, 1)") double p)
      implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new StickyActions<>((Env<Object, Object>) env, p);
    }
  }

  /** A Discrete observation as a one-hot float vector, for a network's input. */
  record OneHotObservationSpec(String type) implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new OneHotObservation<>((Env<Integer, Object>) env);
    }
  }

  /** A bounded continuous action box as a grid of evenly spaced actions, bins^d of them (for DQN on Pendulum). */
  record DiscretizeActionsSpec(String type,
      @Opt(doc = "values per action dimension, evenly spaced from low to high", range = "[2, inf)") int bins)
      implements WrapperSpec {
    @Override
    @SuppressWarnings("unchecked")
    public Env<?, ?> wrap(Env<?, ?> env) {
      return new DiscretizeActions<>((Env<Object, double[]>) env, bins);
    }
  }
}
