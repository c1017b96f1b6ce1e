/**
 * Concrete environments faithful to Gymnasium 1.x (classic control, toy text), MinAtar-style pixel games,
 * wrappers, vector environments and the id registry ({@code make("CartPole-v1")}). Arrives with issue 4;
 * nothing here yet. Imports mdp-core only.
 */
package org.rlgan.envs;
