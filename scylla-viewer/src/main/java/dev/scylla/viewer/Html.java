package dev.scylla.viewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTML escaping and small formatting helpers. Everything read from disk goes through {@link #esc}.
 */
final class Html {
  private Html() {}

  /** Escapes text for an element's content or a quoted attribute value. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\0' -> sb.append('\uFFFD');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A URL query component. */
  static String url(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  static String money(double usd) {
    return Double.isNaN(usd) ? "–" : String.format(Locale.ROOT, "$%.2f", usd);
  }

  static String num(Double d, int digits) {
    return d == null || d.isNaN() ? "–" : String.format(Locale.ROOT, "%." + digits + "f", d);
  }

  static String pct(double fraction) {
    return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  static String duration(double seconds) {
    if (Double.isNaN(seconds) || seconds < 0) {
      return "–";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }

  /** The page skeleton: title, stylesheet, script, a live-status badge and the body. */
  static String page(String title, String nav, String body, String liveScope) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + esc(title)
        + "</title><link rel=\"stylesheet\" href=\"/static/viewer.css\"></head>"
        + "<body data-live=\""
        + esc(liveScope)
        + "\"><header><a class=\"brand\" href=\"/\">scylla view</a> "
        + nav
        + " <span id=\"live\" class=\"live\" title=\"live updates\">connecting…</span></header>"
        + "<main id=\"main\">"
        + body
        + "</main><script src=\"/static/viewer.js\"></script></body></html>\n";
  }
}
