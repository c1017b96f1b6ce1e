package org.rlgan.scenarios.spec;

/** A whole scenario file, chosen by its {@code kind:}. */
public interface ScenarioSpec {

  String kind();

  /** The run folder name under the output root; null: the file name without .yaml. */
  String name();

  long seed();

  String out();

  /** The same scenario under another name, seed and output root (the command line's --seed and --out). */
  ScenarioSpec with(String name, long seed, String out);
}
