/**
 * The DQN family as one composable agent (Double, Dueling, prioritised replay, n-step, C51, QR-DQN, Noisy,
 * Rainbow), replay buffers, schedules, evaluation and exact-resume checkpoints. Arrives with issue 5;
 * nothing here yet. Trains on the nets module.
 */
package org.rlgan.agents;
