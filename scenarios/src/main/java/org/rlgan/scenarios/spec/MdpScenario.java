package org.rlgan.scenarios.spec;

import java.util.List;
import org.rlgan.scenarios.config.Opt;

/**
 * {@code kind: mdp}: exact solvers on one finite model, optionally with tabular learners on the same model
 * measured against Q* (‖Q − Q*‖∞ as they learn).
 */
public record MdpScenario(
    String kind,
    @Opt(doc = "the run folder name; default: the file name without .yaml", def = "null") String name,
    @Opt(doc = "the seed of the learners and their environments", def = "0", range = "[0, inf)") long seed,
    @Opt(doc = "the output root", def = "runs") String out,
    @Opt(doc = "the model: {type: env | forest | gambler | grid_world | grid_world_4x4 | random_sparse, ...}")
    ModelSpec model,
    @Opt(doc = "the exact solvers, each {type: value_iteration | policy_iteration | ..., ...}") List<SolverSpec> solvers,
    @Opt(doc = "tabular learners trained on the same model ({type: q_learning, ...})", def = "[]")
    List<AgentSpec> learners,
    @Opt(doc = "the learners' budget (required when there are learners)", def = "null") TrainConfig train)
    implements ScenarioSpec {

  public MdpScenario {
    if (solvers.isEmpty() && learners.isEmpty()) {
      throw new IllegalArgumentException("an mdp scenario needs at least one solver or learner; add "
          + "'solvers: [{type: value_iteration, discount: 0.9}]'");
    }
    if (!learners.isEmpty() && train == null) {
      throw new IllegalArgumentException("learners need a budget; add 'train: {steps: 100000}'");
    }
  }

  @Override
  public MdpScenario with(String name, long seed, String out) {
    return new MdpScenario(kind, name, seed, out, model, solvers, learners, train);
  }
}
