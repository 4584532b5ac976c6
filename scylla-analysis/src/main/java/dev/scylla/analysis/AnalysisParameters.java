package dev.scylla.analysis;

/**
 * The parameters of the statistics (the reference's {@code config.yaml} values by default).
 *
 * @param alpha significance level
 * @param bootstrapResamples resamples of every bootstrap interval
 * @param seed seed of the bootstrap's L64X128MixRandom generator
 * @param confidenceLevel of every interval
 * @param pipeline the reference pipeline followed (HEAD by default)
 * @param powerSimulations draws of each simulated power (the reference's 10,000)
 * @param powerSeed seed of the power simulations' generator (MT19937, as numpy's RandomState)
 */
public record AnalysisParameters(
    double alpha,
    int bootstrapResamples,
    long seed,
    double confidenceLevel,
    Pipeline pipeline,
    int powerSimulations,
    long powerSeed) {

  public static final AnalysisParameters DEFAULTS = new AnalysisParameters(0.05, 10_000, 42, 0.95);

  /** The committed (older) pipeline with the default parameters. */
  public static final AnalysisParameters COMMITTED = DEFAULTS.with(Pipeline.COMMITTED);

  /** The HEAD pipeline with 10,000 power simulations seeded 42. */
  public AnalysisParameters(
      double alpha, int bootstrapResamples, long seed, double confidenceLevel) {
    this(alpha, bootstrapResamples, seed, confidenceLevel, Pipeline.HEAD, 10_000, 42);
  }

  public AnalysisParameters with(Pipeline p) {
    return new AnalysisParameters(
        alpha, bootstrapResamples, seed, confidenceLevel, p, powerSimulations, powerSeed);
  }

  public AnalysisParameters withPowerSimulations(int n) {
    return new AnalysisParameters(
        alpha, bootstrapResamples, seed, confidenceLevel, pipeline, n, powerSeed);
  }

  public AnalysisParameters {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
    }
    if (bootstrapResamples < 1) {
      throw new IllegalArgumentException("bootstrapResamples must be >= 1: " + bootstrapResamples);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("confidenceLevel must be in (0, 1): " + confidenceLevel);
    }
    if (pipeline == null) {
      throw new IllegalArgumentException("pipeline must be given");
    }
    if (powerSimulations < 1) {
      throw new IllegalArgumentException("powerSimulations must be >= 1: " + powerSimulations);
    }
  }
}
