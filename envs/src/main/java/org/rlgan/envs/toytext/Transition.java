package org.rlgan.envs.toytext;

/**
 * One entry of a toy-text transition list, Gymnasium's {@code (prob, next_state, reward, terminated)} tuple of
 * {@code P[s][a]}.
 *
 * @param prob the probability of this entry (entries of one list may repeat a successor; they are not merged)
 * @param next the successor state
 * @param reward the reward received on this entry
 * @param terminated whether reaching {@code next} by this entry ends the episode
 */
public record Transition(double prob, int next, double reward, boolean terminated) {}
