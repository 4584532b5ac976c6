package dev.scylla.figures;

import dev.scylla.figures.plot.Drawing;
import dev.scylla.figures.plot.Encoders;
import java.util.Locale;

/** Output formats of a figure. */
public enum Format {
  /** Raster at {@link Figures#DPI} dots per inch, the resolution recorded in the file. */
  PNG,
  /** Vector, text kept as text; byte-identical for identical input. */
  SVG,
  /** Vector, one page of the figure's size. */
  PDF;

  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  byte[] encode(Drawing d) {
    return switch (this) {
      case PNG -> Encoders.png(d, Figures.DPI);
      case SVG -> Encoders.svg(d);
      case PDF -> Encoders.pdf(d);
    };
  }

  /** Parses {@code png}, {@code svg} or {@code pdf} (any case). */
  public static Format parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
