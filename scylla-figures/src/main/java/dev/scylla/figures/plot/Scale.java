package dev.scylla.figures.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Maps data values to positions along one axis and chooses its ticks. Immutable; {@link
 * #range(double, double)} returns a copy placed on the page.
 */
public abstract sealed class Scale permits Scale.Linear, Scale.Log {
  final double lo;
  final double hi;
  final double r0;
  final double r1;
  final DoubleFunction<String> labels;

  Scale(double lo, double hi, double r0, double r1, DoubleFunction<String> labels) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
      throw new IllegalArgumentException("bad scale domain [" + lo + ", " + hi + "]");
    }
    this.lo = lo;
    this.hi = hi;
    this.r0 = r0;
    this.r1 = r1;
    this.labels = labels;
  }

  public double lo() {
    return lo;
  }

  public double hi() {
    return hi;
  }

  /** The page position of {@code v} (clamped to the domain). */
  public abstract double map(double v);

  /** The same scale placed between page positions {@code r0} (at lo) and {@code r1} (at hi). */
  public abstract Scale range(double r0, double r1);

  public abstract List<Double> ticks();

  public String label(double tick) {
    return labels.apply(tick);
  }

  /** A linear scale. */
  public static final class Linear extends Scale {
    private final double step;

    Linear(double lo, double hi, double step, double r0, double r1, DoubleFunction<String> labels) {
      super(lo, hi, r0, r1, labels);
      this.step = step;
    }

    @Override
    public double map(double v) {
      double c = Math.max(lo, Math.min(hi, v));
      return r0 + (c - lo) / (hi - lo) * (r1 - r0);
    }

    @Override
    public Linear range(double a, double b) {
      return new Linear(lo, hi, step, a, b, labels);
    }

    @Override
    public List<Double> ticks() {
      List<Double> out = new ArrayList<>();
      double first = Math.ceil(lo / step - 1e-9) * step;
      for (double t = first; t <= hi + step * 1e-9; t += step) {
        out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
      }
      return out;
    }

    public double step() {
      return step;
    }
  }

  /** A base-10 logarithmic scale for positive values. */
  public static final class Log extends Scale {
    Log(double lo, double hi, double r0, double r1, DoubleFunction<String> labels) {
      super(lo, hi, r0, r1, labels);
      if (lo <= 0) {
        throw new IllegalArgumentException("log scale needs a positive domain, got " + lo);
      }
    }

    @Override
    public double map(double v) {
      double c = Math.max(lo, Math.min(hi, v));
      return r0 + (Math.log10(c) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (r1 - r0);
    }

    @Override
    public Log range(double a, double b) {
      return new Log(lo, hi, a, b, labels);
    }

    @Override
    public List<Double> ticks() {
      List<Double> all = new ArrayList<>();
      int e0 = (int) Math.floor(Math.log10(lo));
      int e1 = (int) Math.ceil(Math.log10(hi));
      double[] mantissas = (e1 - e0) > 3 ? new double[] {1} : new double[] {1, 2, 5};
      for (int e = e0; e <= e1; e++) {
        for (double m : mantissas) {
          double t = m * Math.pow(10, e);
          if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) {
            all.add(t);
          }
        }
      }
      return all;
    }
  }

  /**
   * A linear scale covering [min, max] with round ticks, extended to whole steps; {@code zero}
   * forces 0 into the domain. A degenerate range (min = max) is widened around its value.
   */
  public static Linear linear(double min, double max, boolean zero, DoubleFunction<String> labels) {
    double a = zero ? Math.min(0, min) : min;
    double b = zero ? Math.max(0, max) : max;
    if (!(Double.isFinite(a) && Double.isFinite(b))) {
      a = 0;
      b = 1;
    }
    if (b - a < 1e-12) {
      double pad = Math.abs(a) > 1e-12 ? Math.abs(a) * 0.1 : 1;
      a = zero && a >= 0 ? 0 : a - pad;
      b = b + pad;
    }
    double step = niceStep((b - a) / 5);
    double lo = Math.floor(a / step + 1e-9) * step;
    double hi = Math.ceil(b / step - 1e-9) * step;
    return new Linear(lo, hi, step, 0, 1, labels == null ? decimals(step) : labels);
  }

  /** A linear scale with a fixed domain and step, e.g. [0, 1] in steps of 0.2. */
  public static Linear fixed(double lo, double hi, double step, DoubleFunction<String> labels) {
    return new Linear(lo, hi, step, 0, 1, labels == null ? decimals(step) : labels);
  }

  /** A log scale covering [min, max] widened to the neighbouring 1-2-5 values. */
  public static Log log(double min, double max, DoubleFunction<String> labels) {
    double a = min > 0 && Double.isFinite(min) ? min : 1e-3;
    double b = max > 0 && Double.isFinite(max) ? Math.max(max, a) : a * 10;
    double lo = below(a);
    double hi = above(b);
    if (hi <= lo) {
      hi = above(lo * 1.0001);
    }
    return new Log(lo, hi, 0, 1, labels == null ? v -> compact(v) : labels);
  }

  private static double below(double v) {
    double e = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {5, 2, 1}) {
      if (m * e <= v * (1 + 1e-9)) {
        return m * e;
      }
    }
    return e;
  }

  private static double above(double v) {
    double e = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * e >= v * (1 - 1e-9)) {
        return m * e;
      }
    }
    return 10 * e;
  }

  /** The round step (1, 2, 2.5 or 5 times a power of ten) nearest above {@code raw}. */
  static double niceStep(double raw) {
    double e = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / e;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * e;
  }

  /** Labels with as many decimals as the step needs. */
  public static DoubleFunction<String> decimals(double step) {
    int d = 0;
    double s = step;
    while (d < 6 && Math.abs(s - Math.rint(s)) > 1e-9 * Math.max(1, Math.abs(s))) {
      s *= 10;
      d++;
    }
    String fmt = "%." + d + "f";
    return v -> String.format(Locale.ROOT, fmt, v);
  }

  /** Percent labels for a [0, 1] scale: 0%, 20%, ... */
  public static String percent(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  /** Short numbers: 0.05, 2, 150, 1.2k, 3M. */
  public static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (a >= 1e3) {
      return trim(v / 1e3) + "k";
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
