/**
 * The DQN family as one composable agent, its replay buffers, and the run loop shared by every agent (issue 5).
 *
 * <ul>
 *   <li>{@link org.rlgan.agents.DqnConfig} and {@link org.rlgan.agents.RunConfig}: validated hyperparameter records;
 *   <li>{@link org.rlgan.agents.dqn.DqnAgent}: DQN with Double, Dueling, prioritized replay and n-step as options;
 *   <li>{@link org.rlgan.agents.replay}: replay over primitive arrays, the sum tree, n-step windows;
 *   <li>{@link org.rlgan.agents.run.Trainer}: collection, evaluation, metrics, listeners, checkpoints and exact
 *       resume; {@link org.rlgan.agents.TabularAdapter} runs mdp-core's tabular learners in the same loop.
 * </ul>
 *
 * See {@code docs/agents.md}.
 */
package org.rlgan.agents;
