package org.rlgan.scenarios.spec;

import org.rlgan.mdp.Schedule;
import org.rlgan.scenarios.config.Opt;

/** A value that changes with the step: {@code {type: linear, start: 1, end: 0.05, steps: 10000}}, or a number. */
public interface ScheduleSpec {

  Schedule schedule();

  /** The same value at every step. */
  record Constant(String type, @Opt(doc = "the value") double value) implements ScheduleSpec {
    @Override
    public Schedule schedule() {
      return new Schedule.Constant(value);
    }
  }

  /** Linear from start to end over steps, then end (SB3's linear schedule). */
  record Linear(String type, @Opt(doc = "the value at step 0") double start,
      @Opt(doc = "the value from step 'steps' on") double end,
      @Opt(doc = "environment steps to go from start to end", range = "[1, inf)") long steps)
      implements ScheduleSpec {
    @Override
    public Schedule schedule() {
      return new Schedule.Linear(start, end, steps);
    }
  }

  /** max(end, start · decay^step). */
  record Exponential(String type, @Opt(doc = "the value at step 0") double start,
      @Opt(doc = "the floor") double end,
      @Opt(doc = "the factor per environment step", range = "(0, 1]") double decay) implements ScheduleSpec {
    @Override
    public Schedule schedule() {
      return new Schedule.Exponential(start, end, decay);
    }
  }
}
