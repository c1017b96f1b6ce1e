/**
 * The environment API (Gymnasium 1.x semantics: reset(seed), step(action) returning observation, reward,
 * terminated, truncated, info), spaces, finite MDP models, exact solvers (value, policy and modified policy
 * iteration) and tabular learners (Q-learning, SARSA). Arrives with issue 3; nothing here yet.
 *
 * <p>Imports the JDK and Apache Commons Math only: observations are plain Java arrays, never ND4J.
 */
package org.rlgan.mdp;
