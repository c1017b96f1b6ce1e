package org.rlgan.scenarios.spec;

import org.rlgan.scenarios.config.Opt;

/** {@code kind: rl}: one agent trained on one environment, evaluated greedily. */
public record RlScenario(
    String kind,
    @Opt(doc = "the run folder name (runs/<name>/...); default: the file name without .yaml", def = "null")
    String name,
    @Opt(doc = "the seed of every generator in the run (environment, agent, evaluation)", def = "0",
        range = "[0, inf)") long seed,
    @Opt(doc = "the output root; runs go to <out>/<name>/<date-time>-s<seed>/", def = "runs") String out,
    @Opt(doc = "the environment: {id: ..., options: {...}}") EnvConfig env,
    @Opt(doc = "the agent: {type: q_learning | sarsa | expected_sarsa | double_q, ...}") AgentSpec agent,
    @Opt(doc = "the budget: {steps: ..., log_every: ...}") TrainConfig train,
    @Opt(doc = "greedy evaluation: {every: ..., episodes: ...}", def = "{}") EvalConfig eval)
    implements ScenarioSpec {

  @Override
  public RlScenario with(String name, long seed, String out) {
    return new RlScenario(kind, name, seed, out, env, agent, train, eval);
  }
}
