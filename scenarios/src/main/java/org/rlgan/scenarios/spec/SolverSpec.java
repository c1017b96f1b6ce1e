package org.rlgan.scenarios.spec;

import java.util.Locale;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.solve.AverageRewardSolution;
import org.rlgan.mdp.solve.FiniteHorizon;
import org.rlgan.mdp.solve.FiniteHorizonSolution;
import org.rlgan.mdp.solve.LinearProgramming;
import org.rlgan.mdp.solve.MdpToolbox;
import org.rlgan.mdp.solve.ModifiedPolicyIteration;
import org.rlgan.mdp.solve.PolicyEvaluation;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.RelativeValueIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.mdp.solve.ValueIteration;
import org.rlgan.scenarios.config.Opt;

/** An exact solver of an mdp scenario ({@code solvers:} list). See docs/mdp.md for what each guarantees. */
public interface SolverSpec {

  String type();

  /** Solves the model; throws mdp-core's NotConvergedException when the budget runs out. */
  Result solve(FiniteMdp m);

  /**
   * What a solver returned, in one shape for the summary and the values files.
   *
   * @param values V (for average-reward solvers the bias h; for finite horizon V at stage 0)
   * @param policy the greedy policy (stage 0 for finite horizon)
   * @param residual ‖T V − V‖∞ where the solver defines it (NaN otherwise)
   * @param bound a guaranteed ‖V − V*‖∞ (NaN where none)
   * @param gain the average reward per step (average-reward solvers; NaN otherwise)
   * @param solution the discounted solution with Q, when there is one (else null)
   */
  record Result(String solver, double[] values, int[] policy, int iterations, double residual, double bound,
      double gain, Solution solution) {

    static Result of(Solution s) {
      return new Result(s.solver(), s.values(), s.policy(), s.iterations(), s.residual(), s.bound(), Double.NaN, s);
    }

    static Result of(AverageRewardSolution s) {
      return new Result(s.solver(), s.bias(), s.policy(), s.iterations(), s.span(), Double.NaN, s.gain(), null);
    }

    static Result of(String solver, FiniteHorizonSolution s) {
      double[] v = new double[s.values()[0].length];
      int[] p = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = s.value(i, 0);
        p[i] = s.action(i, 0);
      }
      return new Result(solver, v, p, s.horizon(), Double.NaN, Double.NaN, Double.NaN, null);
    }
  }

  /** Value iteration with a guaranteed bound on ‖V − V*‖∞ (synchronous or Gauss–Seidel). */
  record ValueIterationSpec(String type,
      @Opt(doc = "γ", range = "[0, 1]") double discount,
      @Opt(doc = "the guaranteed ‖V − V*‖∞ of the result", def = "1e-8", range = "(0, inf)") double tolerance,
      @Opt(doc = "the sweep budget", def = "100000", range = "[1, inf)") int maxIterations,
      @Opt(doc = "in-place (Gauss–Seidel) sweeps", def = "false") boolean gaussSeidel) implements SolverSpec {
    @Override
    public Result solve(FiniteMdp m) {
      return Result.of(new ValueIteration(new ValueIteration.Config(discount, tolerance, maxIterations, gaussSeidel,
          true)).solve(m));
    }
  }

  /** Policy iteration: exact evaluation and greedy improvement. */
  record PolicyIterationSpec(String type,
      @Opt(doc = "γ", range = "[0, 1]") double discount,
      @Opt(doc = "how each policy is evaluated", def = "auto") PolicyEvaluation.Method evaluation,
      @Opt(doc = "the improvement budget", def = "10000", range = "[1, inf)") int maxIterations)
      implements SolverSpec {
    @Override
    public Result solve(FiniteMdp m) {
      var c = PolicyIteration.Config.of(discount).withEvaluation(evaluation);
      return Result.of(new PolicyIteration(new PolicyIteration.Config(c.evaluation(), maxIterations)).solve(m));
    }
  }

  /** Modified policy iteration: m partial-evaluation sweeps per improvement. */
  record ModifiedPolicyIterationSpec(String type,
      @Opt(doc = "γ", range = "[0, 1)") double discount,
      @Opt(doc = "the guaranteed ‖V − V*‖∞", def = "1e-8", range = "(0, inf)") double tolerance,
      @Opt(doc = "partial-evaluation sweeps per improvement (m)", def = "20", range = "[1, inf)")
      int evaluationSweeps,
      @Opt(doc = "the improvement budget", def = "100000", range = "[1, inf)") int maxIterations)
      implements SolverSpec {
    @Override
    public Result solve(FiniteMdp m) {
      return Result.of(new ModifiedPolicyIteration(new ModifiedPolicyIteration.Config(discount, tolerance,
          evaluationSweeps, maxIterations, true)).solve(m));
    }
  }

  /** Relative value iteration for the average reward (undiscounted, no discount key). */
  record RelativeValueIterationSpec(String type,
      @Opt(doc = "the width of the gain bracket at which to stop", def = "1e-10", range = "(0, inf)")
      double tolerance,
      @Opt(doc = "the sweep budget", def = "100000", range = "[1, inf)") int maxIterations,
      @Opt(doc = "the state whose relative value is held at 0", def = "0", range = "[0, inf)") int referenceState)
      implements SolverSpec {
    @Override
    public Result solve(FiniteMdp m) {
      return Result.of(new RelativeValueIteration(new RelativeValueIteration.Config(tolerance, maxIterations,
          referenceState)).solve(m));
    }
  }

  /** The linear program min Σ V s.t. V ≥ r + γPV (Commons Math simplex; small models). */
  record LinearProgrammingSpec(String type,
      @Opt(doc = "γ", range = "[0, 1)") double discount,
      @Opt(doc = "the largest model accepted (the tableau is dense)", def = "500", range = "[1, inf)")
      int maxStates,
      @Opt(doc = "the simplex pivot budget", def = "100000", range = "[1, inf)") int maxIterations)
      implements SolverSpec {
    @Override
    public Result solve(FiniteMdp m) {
      return Result.of(new LinearProgramming(new LinearProgramming.Config(discount, maxStates, maxIterations))
          .solve(m));
    }
  }

  /** Backward induction over a finite horizon; the values and policy written are those of stage 0. */
  record FiniteHorizonSpec(String type,
      @Opt(doc = "γ", range = "[0, 1]") double discount,
      @Opt(doc = "the number of stages N", range = "[1, 1000000]") int horizon) implements SolverSpec {
    @Override
    public Result solve(FiniteMdp m) {
      return Result.of("FiniteHorizon", FiniteHorizon.solve(m, discount, horizon));
    }
  }

  /**
   * pymdptoolbox compatibility mode: its algorithms rule for rule (its numbers are not V*: its value iteration
   * stops on an ε-optimal policy). For matching published pymdptoolbox results.
   */
  record MdpToolboxSpec(String type,
      @Opt(doc = "which pymdptoolbox class") Algorithm algorithm,
      @Opt(doc = "γ (ignored by relative_value_iteration)", def = "0.96", range = "[0, 1]") double discount,
      @Opt(doc = "pymdptoolbox's epsilon", def = "0.01", range = "(0, inf)") double epsilon,
      @Opt(doc = "pymdptoolbox's max_iter (value iteration replaces it by its bound when γ < 1)", def = "1000",
          range = "[1, inf)") int maxIter,
      @Opt(doc = "policy_iteration's eval_type", def = "matrix") MdpToolbox.EvalType evalType,
      @Opt(doc = "finite_horizon's N", def = "10", range = "[1, 1000000]") int horizon) implements SolverSpec {

    /** pymdptoolbox's solver classes. */
    public enum Algorithm {
      VALUE_ITERATION,
      VALUE_ITERATION_GS,
      POLICY_ITERATION,
      POLICY_ITERATION_MODIFIED,
      RELATIVE_VALUE_ITERATION,
      FINITE_HORIZON
    }

    @Override
    public Result solve(FiniteMdp m) {
      int n = m.states();
      return switch (algorithm) {
        case VALUE_ITERATION -> Result.of(MdpToolbox.valueIteration(m, discount, epsilon, maxIter, new double[n]));
        case VALUE_ITERATION_GS -> Result.of(MdpToolbox.valueIterationGS(m, discount, epsilon, maxIter,
            new double[n]));
        case POLICY_ITERATION -> {
          int[] policy0 = new int[n];
          m.backup(new double[n], discount, 0, n, null, policy0, null);
          yield Result.of(MdpToolbox.policyIteration(m, discount, policy0, maxIter, evalType));
        }
        case POLICY_ITERATION_MODIFIED -> Result.of(MdpToolbox.policyIterationModified(m, discount, epsilon,
            maxIter));
        case RELATIVE_VALUE_ITERATION -> Result.of(MdpToolbox.relativeValueIteration(m, epsilon, maxIter));
        case FINITE_HORIZON -> Result.of("pymdptoolbox.FiniteHorizon",
            MdpToolbox.finiteHorizon(m, discount, horizon, new double[n]));
      };
    }

    @Override
    public String toString() {
      return "mdptoolbox." + algorithm.name().toLowerCase(Locale.ROOT);
    }
  }
}
