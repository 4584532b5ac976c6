package dev.scylla.analysis;

import dev.scylla.store.Json;
import java.util.List;

/**
 * CSV as pandas' {@code to_csv(index=False)} writes it: comma separated, {@code \n} line ends, a
 * header, minimal quoting (fields holding a comma, a quote or a line break are quoted, quotes
 * doubled), floats as Python's {@code repr} ({@code 0.9700000000000001}, {@code 1e-05}), booleans
 * {@code True}/{@code False}, NaN as an empty field and infinity as {@code inf}.
 */
public final class Csv {
  private final StringBuilder sb = new StringBuilder(4096);
  private boolean lineStart = true;
  private final java.util.Map<Double, String> cache = new java.util.HashMap<>();

  public Csv(List<String> header) {
    header.forEach(this::text);
    end();
  }

  public Csv text(String s) {
    sep();
    if (s == null) {
      return this;
    }
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(s);
    } else {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"') {
          sb.append('"');
        }
        sb.append(c);
      }
      sb.append('"');
    }
    return this;
  }

  public Csv num(double d) {
    sep();
    if (Double.isFinite(d)) {
      // the same values recur (criterion points, judge scores): format each once
      String f = cache.get(d);
      if (f == null) {
        f = Json.formatDouble(d);
        if (cache.size() < 100_000) {
          cache.put(d, f);
        }
      }
      sb.append(f);
    } else {
      sb.append(format(d));
    }
    return this;
  }

  public Csv num(long n) {
    sep();
    sb.append(n);
    return this;
  }

  public Csv bool(boolean b) {
    sep();
    sb.append(b ? "True" : "False");
    return this;
  }

  /** A nullable boolean: empty when null. */
  public Csv bool(Boolean b) {
    return b == null ? text(null) : bool(b.booleanValue());
  }

  public Csv end() {
    sb.append('\n');
    lineStart = true;
    return this;
  }

  private void sep() {
    if (!lineStart) {
      sb.append(',');
    }
    lineStart = false;
  }

  /** A float as pandas writes it: repr, empty for NaN, {@code inf} / {@code -inf}. */
  public static String format(double d) {
    if (Double.isNaN(d)) {
      return "";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Json.formatDouble(d);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
