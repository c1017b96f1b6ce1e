package org.rlgan.scenarios.spec;

import org.rlgan.nets.optim.LrSchedule;
import org.rlgan.scenarios.config.Opt;

/**
 * An optimizer's learning rate over its own updates (nets' {@link LrSchedule}): a number, or
 * {@code {type: linear, start: 2e-4, end: 0, steps: 20000, begin: 50000}}. A decay with {@code begin} holds
 * {@code start} for that many updates first (a late-phase decay).
 */
public interface LrScheduleSpec {

  LrSchedule schedule();

  /** Holds {@code at(0)} of {@code decay} for {@code begin} updates, then runs {@code decay} from its step 0. */
  private static LrSchedule after(long begin, LrSchedule decay) {
    return begin == 0 ? decay : new LrSchedule.Warmup(begin, 1.0, decay);
  }

  /** The same rate at every update. */
  record Constant(String type, @Opt(doc = "the learning rate", range = "(0, inf)") double value)
      implements LrScheduleSpec {
    @Override
    public LrSchedule schedule() {
      return new LrSchedule.Constant(value);
    }
  }

  /** start until update begin, then linear to end over steps updates, then end (SB3's and CycleGAN's decay). */
  record Linear(String type, @Opt(doc = "the rate until update 'begin'", range = "(0, inf)") double start,
      @Opt(doc = "the rate from update begin + steps on", range = "[0, inf)") double end,
      @Opt(doc = "updates to go from start to end", range = "[1, inf)") long steps,
      @Opt(doc = "updates at 'start' before the decay begins", def = "0", range = "[0, inf)") long begin)
      implements LrScheduleSpec {
    @Override
    public LrSchedule schedule() {
      return after(begin, new LrSchedule.Linear(start, end, steps));
    }
  }

  /** start until update begin, then cosine annealing to end over steps updates (Loshchilov and Hutter 2017). */
  record Cosine(String type, @Opt(doc = "the rate until update 'begin'", range = "(0, inf)") double start,
      @Opt(doc = "the rate from update begin + steps on; at most start", range = "[0, inf)") double end,
      @Opt(doc = "updates to go from start to end", range = "[1, inf)") long steps,
      @Opt(doc = "updates at 'start' before the decay begins", def = "0", range = "[0, inf)") long begin)
      implements LrScheduleSpec {
    /** @throws IllegalArgumentException if end &gt; start */
    public Cosine {
      if (end > start) {
        throw new IllegalArgumentException("end = " + end + " is above start = " + start
            + ": a cosine schedule decays; set end <= start (or use type: linear to rise)");
      }
    }

    @Override
    public LrSchedule schedule() {
      return after(begin, new LrSchedule.Cosine(start, end, steps));
    }
  }

  /** PyTorch's StepLR: start·gamma^⌊t / every⌋. */
  record Step(String type, @Opt(doc = "the rate of the first 'every' updates", range = "(0, inf)") double start,
      @Opt(doc = "the factor every 'every' updates", range = "(0, 1]") double gamma,
      @Opt(doc = "updates between reductions", range = "[1, inf)") long every) implements LrScheduleSpec {
    @Override
    public LrSchedule schedule() {
      return new LrSchedule.StepDecay(start, gamma, every);
    }
  }
}
