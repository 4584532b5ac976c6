package dev.scylla.analysis;

/**
 * The parameters of the statistics (the reference's {@code config.yaml} values by default).
 *
 * @param alpha significance level
 * @param bootstrapResamples resamples of every bootstrap interval
 * @param seed seed of the bootstrap's L64X128MixRandom generator
 * @param confidenceLevel of every interval
 */
public record AnalysisParameters(
    double alpha, int bootstrapResamples, long seed, double confidenceLevel) {

  public static final AnalysisParameters DEFAULTS = new AnalysisParameters(0.05, 10_000, 42, 0.95);

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
  }
}
