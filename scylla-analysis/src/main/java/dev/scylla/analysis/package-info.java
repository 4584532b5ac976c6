/**
 * {@code scylla analyze}: export of one or many experiments into the reference's CSV and JSON files
 * (runs, judges, criteria, subtests, summary), the statistics ({@code statistical_results.json}),
 * and what the reference lacks: both pass-rate denominators (strict, and excluding infrastructure
 * failures) and the comparison of retried runs with first attempts.
 *
 * <p>The data types here ({@link dev.scylla.analysis.RunRow}, {@link dev.scylla.analysis.Summary},
 * {@link dev.scylla.analysis.StatisticalResults}, {@link dev.scylla.analysis.Analysis}, ...) are
 * what tables and figures are built from. Doubles use {@code NaN} for "no value" and {@code
 * +Infinity} for an infinite cost-of-pass; writers turn both into empty CSV fields or JSON {@code
 * null} ({@code inf} in CSV, as the reference does).
 */
package dev.scylla.analysis;
