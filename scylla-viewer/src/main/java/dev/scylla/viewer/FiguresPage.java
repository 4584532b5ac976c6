package dev.scylla.viewer;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.AnalysisParameters;
import dev.scylla.analysis.Analyzer;
import dev.scylla.event.EventSink;
import dev.scylla.figures.Figure;
import dev.scylla.figures.Figures;
import dev.scylla.figures.plot.Encoders;
import java.util.List;
import java.util.Optional;

/**
 * The figures of {@code scylla analyze} for one served experiment, drawn from its files as they are
 * now and served as SVG: the page lists them with their captions (and why a figure was skipped),
 * each figure is its own {@code image/svg+xml} answer. Nothing is written anywhere: the analysis
 * and the drawings live in memory for the request.
 */
final class FiguresPage {
  private FiguresPage() {}

  static List<Figure> figures(ServedExperiment e) {
    Analysis a =
        new Analyzer(EventSink.NONE)
            .analyze(List.of(e.realRoot()), List.of(), AnalysisParameters.DEFAULTS);
    return Figures.build(a);
  }

  static String render(ServedExperiment e, List<Figure> figures) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Figures of ")
        .append(Html.esc(e.name()))
        .append("</h1>\n<p class=\"note\">The figures <code>scylla analyze</code> draws, from the")
        .append(" experiment's files as they are now.</p>\n");
    for (Figure f : figures) {
      b.append("<figure id=\"").append(Html.esc(f.name())).append("\">");
      if (f.isSkipped()) {
        b.append("<figcaption><b>")
            .append(Html.esc(f.name()))
            .append("</b>: not drawn: ")
            .append(Html.esc(f.skipped()))
            .append("</figcaption>");
      } else {
        b.append("<img alt=\"")
            .append(Html.esc(f.caption()))
            .append("\" src=\"/e/")
            .append(e.id())
            .append("/figure/")
            .append(Html.esc(f.name()))
            .append(".svg\"><figcaption><b>")
            .append(Html.esc(f.name()))
            .append("</b>: ")
            .append(Html.esc(f.caption()))
            .append("</figcaption>");
      }
      b.append("</figure>\n");
    }
    return b.toString();
  }

  /** The SVG of the figure named {@code name}, when it exists and was drawn. */
  static Optional<byte[]> svg(ServedExperiment e, String name) {
    for (Figure f : figures(e)) {
      if (f.name().equals(name) && !f.isSkipped()) {
        return Optional.of(Encoders.svg(f.drawing()));
      }
    }
    return Optional.empty();
  }
}
