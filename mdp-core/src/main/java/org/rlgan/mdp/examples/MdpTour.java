package org.rlgan.mdp.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Schedule;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.FiniteMdpEnv;
import org.rlgan.mdp.model.Problems;
import org.rlgan.mdp.solve.MdpToolbox;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.mdp.solve.ValueIteration;
import org.rlgan.mdp.tabular.Exploration;
import org.rlgan.mdp.tabular.StepSize;
import org.rlgan.mdp.tabular.TabularAgent;
import org.rlgan.mdp.tabular.TabularConfig;
import org.rlgan.mdp.tabular.TabularTrainer;

/**
 * A runnable tour of mdp-core ({@code mvn -B -ntp -q -pl mdp-core exec:exec}): pymdptoolbox's value iteration
 * beside the exact V* on the forest problem, a 100,000-state forest solved by policy iteration, and Q-learning on
 * Sutton &amp; Barto's grid world with ‖Q − Q*‖∞ reported as it learns.
 */
public final class MdpTour {

  private MdpTour() {}

  public static void main(String[] args) {
    FiniteMdp forest = Problems.forest();
    Solution toolbox = MdpToolbox.valueIteration(forest, 0.96);
    Solution exact = new ValueIteration(ValueIteration.Config.of(0.96)).solve(forest);
    System.out.println("forest(), γ = 0.96");
    System.out.println("  pymdptoolbox ValueIteration: V = " + fmt(toolbox.values()) + " after " + toolbox.iterations()
        + " iterations (ε-optimal policy " + Arrays.toString(toolbox.policy()) + ", V is not V*)");
    System.out.printf(Locale.ROOT, "  ValueIteration:              V = %s after %d iterations, ‖V − V*‖∞ ≤ %.1e%n",
        fmt(exact.values()), exact.iterations(), exact.bound());

    long t0 = System.nanoTime();
    Solution big = new PolicyIteration(PolicyIteration.Config.of(0.96)).solve(Problems.forest(100_000, 4, 2, 0.1));
    System.out.printf(Locale.ROOT, "forest(100,000): policy iteration in %.2f s, %d improvements, residual %.1e%n",
        (System.nanoTime() - t0) / 1e9, big.iterations(), big.residual());

    FiniteMdp grid = Problems.gridWorld();
    Solution qStar = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(grid);
    System.out.printf(Locale.ROOT, "grid world (Sutton & Barto Ex. 3.5): V*(A) = %.1f%n", qStar.value(1));
    TabularConfig c = new TabularConfig(TabularConfig.Algorithm.Q_LEARNING, 0.9,
        new Exploration.EpsilonGreedy(new Schedule.Constant(1.0)), new StepSize.OneOverVisits(0.8), 0.0);
    TabularAgent agent = new TabularAgent(c, grid.states(), grid.actions(), Rngs.seeded(1));
    new TabularTrainer(new TabularTrainer.Config(2_000_000, 400_000, 7, 1e-9))
        .listener(p -> {
          System.out.printf(Locale.ROOT, "  Q-learning step %,9d: ‖Q − Q*‖∞ = %.3f, greedy action optimal in %.0f%% of states%n",
              p.step(), p.qError(), 100 * p.optimalFraction());
          return true;
        })
        .train(new FiniteMdpEnv(grid, "GridWorld", OptionalInt.of(100)), agent, qStar);
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
    }
    return b.append(')').toString();
  }
}
