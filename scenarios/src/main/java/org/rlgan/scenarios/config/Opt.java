package org.rlgan.scenarios.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one key of a scenario block: its meaning, default and range. The binder enforces them and
 * {@code workbench describe} prints them, so the documentation cannot drift from the code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Opt {

  /** Marks a key without a default: it must be given. */
  String REQUIRED = "\u0000required";

  /** What the key means, with its unit. */
  String doc();

  /**
   * The default as YAML text ({@code "0.99"}, {@code "[]"}, {@code "{}"} for a block of defaults,
   * {@code "null"} for an optional block), or {@link #REQUIRED}.
   */
  String def() default REQUIRED;

  /**
   * The allowed range of a number, in interval notation: {@code "[0, 1]"}, {@code "(0, 1]"},
   * {@code "[1, inf)"}. Empty: any value of the type.
   */
  String range() default "";

  /** The closed set a string must come from, by name (see {@link Binder#choices}); empty: any string. */
  String choices() default "";
}
