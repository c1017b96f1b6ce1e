/**
 * The Apache Spark sweep engine ({@code workbench sweep FILE --engine spark}): the trials of a sweep as Spark tasks,
 * embedded ({@code local[N]}) or on a cluster through spark-submit and the shaded jar; docs/spark.md.
 */
package org.rlgan.spark;
