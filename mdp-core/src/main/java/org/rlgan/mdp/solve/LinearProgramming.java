package org.rlgan.mdp.solve;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.rlgan.mdp.model.FiniteMdp;

/**
 * The linear program of a discounted MDP (d'Epenoux 1963; Puterman 1994, §6.9): minimise Σ_s V(s) subject to
 * V(s) ≥ r(s,a) + γ Σ p·(1 − terminated)·V(s') for every (s, a). Its solution is V*. Solved with Commons Math's
 * simplex method (pymdptoolbox needs cvxopt for this), whose dense tableau has S·A rows and S columns: meant for
 * models up to a few hundred states, a cross-check for the iterative solvers.
 */
public final class LinearProgramming {

  /**
   * @param discount γ in [0, 1)
   * @param maxStates the largest model accepted (the tableau is dense)
   * @param maxIterations the simplex pivot budget
   */
  public record Config(double discount, int maxStates, int maxIterations) {

    public Config {
      Checks.discount(discount, false);
      Checks.positive("maxStates", maxStates);
      Checks.positive("maxIterations", maxIterations);
    }

    /** Up to 500 states, 100,000 pivots. */
    public static Config of(double discount) {
      return new Config(discount, 500, 100_000);
    }
  }

  private final Config config;

  public LinearProgramming(Config config) {
    this.config = config;
  }

  public Solution solve(FiniteMdp m) {
    int n = m.states();
    if (n > config.maxStates) {
      throw new IllegalArgumentException("LinearProgramming is configured for at most " + config.maxStates
          + " states (a dense simplex tableau); this model has " + n + ": use PolicyIteration, or raise maxStates");
    }
    double gamma = config.discount;
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    List<LinearConstraint> constraints = new ArrayList<>(n * m.actions());
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < m.actions(); a++) {
        double[] coef = new double[n];
        coef[s] += 1.0;
        int row = m.row(s, a);
        for (int k = m.start(row); k < m.end(row); k++) {
          if (!m.terminated(k)) {
            coef[m.next(k)] -= gamma * m.prob(k);
          }
        }
        constraints.add(new LinearConstraint(coef, Relationship.GEQ, m.expectedReward(s, a)));
      }
    }
    SimplexSolver solver = new SimplexSolver();
    PointValuePair p = solver.optimize(new MaxIter(config.maxIterations), new LinearObjectiveFunction(ones, 0),
        new LinearConstraintSet(constraints), GoalType.MINIMIZE, new NonNegativeConstraint(false));
    return Solution.complete("LinearProgramming", m, gamma, p.getPoint(), null, solver.getIterations(), Double.NaN,
        false);
  }
}
