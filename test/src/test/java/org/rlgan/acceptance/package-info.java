/**
 * Cross-module acceptance tests: every example scenario end to end with tiny budgets, same-seed determinism,
 * a run killed and resumed, the renderer headless, and the corpus of malformed inputs. They arrive with the
 * scenarios issue (6), which gives them something to run; nothing here yet.
 */
package org.rlgan.acceptance;
