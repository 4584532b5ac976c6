package dev.scylla.analysis;

/**
 * One row of {@code pass_rates.csv} (ours): both pass-rate denominators of a group of expected
 * runs, and the counts that separate them. Three scopes: {@code model} (all runs of an agent model;
 * tier and subtest empty), {@code tier} (an agent model's runs of one tier across experiments;
 * subtest empty) and {@code subtest} (one experiment's subtest; experiment set).
 *
 * <ul>
 *   <li>{@code passRate} = passed / scored — the reference's definition (rows of runs.csv);
 *   <li>{@code passRateStrict} = passed / attempted — every attempted run counts, infrastructure
 *       failures as not passed;
 *   <li>{@code passRateExclInfra} = passed / (attempted − infraFailures).
 * </ul>
 *
 * Intervals are 95% BCa bootstrap intervals of the two new rates (collapsed to the rate for fewer
 * than 2 runs or identical outcomes); {@code NaN} when the denominator is 0.
 *
 * @param experiment empty for the model and tier scopes
 * @param notRun expected runs never attempted (in neither denominator)
 * @param scoredInfra scored runs whose agent result records an infrastructure failure (counted in
 *     {@code infraFailures})
 */
public record PassRateRow(
    String scope,
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int expected,
    int notRun,
    int attempted,
    int infraFailures,
    int rateLimited,
    int crashed,
    int timedOut,
    int interrupted,
    int noVerdict,
    int scoredInfra,
    int scored,
    int passed,
    double passRate,
    double passRateStrict,
    double strictCiLow,
    double strictCiHigh,
    double passRateExclInfra,
    double exclInfraCiLow,
    double exclInfraCiHigh) {

  public static final String SCOPE_MODEL = "model";
  public static final String SCOPE_TIER = "tier";
  public static final String SCOPE_SUBTEST = "subtest";

  /** The denominator of {@link #passRateExclInfra}. */
  public int exclInfraDenominator() {
    return attempted - infraFailures;
  }
}
