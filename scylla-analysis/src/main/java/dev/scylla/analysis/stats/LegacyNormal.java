package dev.scylla.analysis.stats;

/**
 * Normal variates in the stream of numpy's legacy {@code RandomState(seed).normal}: the Mersenne
 * Twister MT19937 seeded by {@code init_genrand(seed)}, 53-bit doubles from two 32-bit outputs, and
 * the polar Box–Muller method that returns the second variate of each pair first and keeps the
 * other for the next call. Written from the published algorithms (Matsumoto–Nishimura 1998; the
 * Marsaglia polar method) so that the reference's seeded power simulations can be reproduced.
 */
public final class LegacyNormal {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private final int[] tempered = new int[N];
  private int mti;
  private boolean hasGauss;
  private double gauss;

  public LegacyNormal(long seed) {
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    mti = N;
  }

  /** The next 32-bit output, as an unsigned value in a long. */
  long nextInt32() {
    if (mti >= N) {
      twist();
    }
    return tempered[mti++] & 0xffffffffL;
  }

  /** Regenerates the state and tempers all of its 624 outputs at once. */
  private void twist() {
    int kk;
    for (kk = 0; kk < N - M; kk++) {
      int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    for (; kk < N - 1; kk++) {
      int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    }
    int last = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
    mt[N - 1] = mt[M - 1] ^ (last >>> 1) ^ (-(last & 1) & 0x9908b0df);
    for (int i = 0; i < N; i++) {
      int y = mt[i];
      y ^= (y >>> 11);
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= (y >>> 18);
      tempered[i] = y;
    }
    mti = 0;
  }

  /** A double in [0, 1) with 53 random bits. */
  public double nextDouble() {
    if (mti >= N - 1) {
      long a = nextInt32() >>> 5;
      long b = nextInt32() >>> 6;
      return (a * 67108864.0 + b) / 9007199254740992.0;
    }
    int a = tempered[mti] >>> 5;
    int b = tempered[mti + 1] >>> 6;
    mti += 2;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** A standard normal variate. */
  public double nextGaussian() {
    if (hasGauss) {
      hasGauss = false;
      return gauss;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** Fills {@code out} with variates of N(loc, 1), as {@code normal(loc, 1, out.length)}. */
  public void fill(double[] out, double loc) {
    for (int i = 0; i < out.length; i++) {
      out[i] = loc + nextGaussian();
    }
  }

  /** {@code n} variates of N(loc, 1), as {@code normal(loc, 1, n)}. */
  public double[] normal(double loc, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = loc + nextGaussian();
    }
    return out;
  }
}
