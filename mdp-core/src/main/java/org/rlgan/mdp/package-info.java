/**
 * The environment API (Gymnasium 1.x semantics: reset(seed), step(action) returning observation, reward,
 * terminated, truncated, info), spaces, finite MDP models, exact solvers (value, policy and modified policy
 * iteration and more) and tabular learners (Q-learning, SARSA, Expected SARSA, Double Q). See docs/mdp.md.
 *
 * <p>Imports the JDK, Apache Commons Math and Jackson (model files) only: observations are plain Java data, never ND4J.
 */
package org.rlgan.mdp;
