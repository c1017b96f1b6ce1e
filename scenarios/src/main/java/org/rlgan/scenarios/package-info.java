/**
 * The composition root: YAML scenario schema and runner, run folders, sweeps, reports and the picocli
 * command line ({@code ./workbench run FILE}). Arrives with issue 6; nothing here yet.
 */
package org.rlgan.scenarios;
