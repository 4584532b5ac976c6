package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.AnalysisRenderer;
import dev.scylla.analysis.tables.TierView;
import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Writes the figures of an analysis into a directory, each as PNG (300 dpi), SVG and PDF (or the
 * formats chosen), with a LaTeX snippet {@code <name>_include.tex} beside each PDF. Rendering is
 * headless and deterministic: the same analysis gives byte-identical PNG and SVG files. A figure
 * that cannot be drawn for this data (one judge: no agreement) is skipped with an info event; a
 * figure that fails is reported and the others are still written.
 */
public final class Figures implements AnalysisRenderer {
  /** Resolution of the PNG files. */
  public static final int DPI = 300;

  /** Width of every figure in inches (a page's text width). */
  static final double WIDTH_IN = 6.5;

  private final Set<Format> formats;

  /** All three formats. */
  public Figures() {
    this(EnumSet.allOf(Format.class));
  }

  public Figures(Set<Format> formats) {
    if (formats.isEmpty()) {
      throw ScyllaException.badInput("no figure format chosen: use png, svg and/or pdf");
    }
    this.formats = EnumSet.copyOf(formats);
  }

  @Override
  public String directory() {
    return "figures";
  }

  @Override
  public List<Path> render(Analysis analysis, Path dir, EventSink events) throws IOException {
    return writeAll(analysis, dir, formats, events);
  }

  static {
    // Figures never need a display; without this, AWT may look for one (X11) and fail.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** The figures this renderer draws, in file-name order, built from {@code a}. */
  public static List<Figure> build(Analysis a) {
    TierView v = TierView.of(a);
    List<Supplier<Figure>> builders =
        List.of(
            () -> ScoreFigure.build(v),
            () -> JudgeVarianceFigure.build(a, v.models()),
            () -> PassRateFigure.build(v),
            () -> GradeHeatmapFigure.build(v),
            () -> CostOfPassFigure.build(v),
            () -> TokenFigure.build(v),
            () -> ParetoFigure.build(v),
            () -> CriteriaFigure.build(a, v),
            () -> LatencyFigure.build(v),
            () -> JudgeAgreementFigure.build(a, v.models()),
            () -> FailureRateFigure.build(v),
            () -> EffectSizeFigure.build(a, v.models()),
            () -> CorrelationFigure.build(a, v.models()),
            () -> ImplRateFigure.build(v),
            () -> RetryFigure.build(a, v.models()),
            () -> PassAtKFigure.build(a),
            () -> HeadFigures.fig03(a),
            () -> HeadFigures.fig15a(a),
            () -> HeadFigures.fig15b(a),
            () -> HeadFigures.fig15c(a),
            () -> HeadFigures.fig16a(a),
            () -> HeadFigures.fig16b(a),
            () -> HeadFigures.fig17(a),
            () -> HeadFigures.fig18a(a),
            () -> HeadFigures.fig18b(a),
            () -> HeadFigures.fig21(a),
            () -> HeadFigures.fig22(a),
            () -> HeadFigures.fig23(a),
            () -> HeadFigures.fig24(a),
            () -> HeadFigures.fig26(a),
            () -> HeadFigures.fig27(a),
            () -> ExperimentFigures.fig31(a),
            () -> ExperimentFigures.fig32(a),
            () -> ExperimentFigures.fig34(a),
            () -> ExperimentFigures.fig36(a),
            () -> ExperimentFigures.fig39(a));
    List<Figure> out = new ArrayList<>();
    for (Supplier<Figure> b : builders) {
      out.add(b.get());
    }
    out.sort(java.util.Comparator.comparing(Figure::name));
    return out;
  }

  /**
   * Writes every figure of {@code a} into {@code dir} in {@code formats}; returns the files
   * written, in figure order. Figures are encoded on up to two worker threads (each figure is
   * independent).
   *
   * @throws ScyllaException (INTERNAL) after writing the others, when a figure failed
   */
  public static List<Path> writeAll(Analysis a, Path dir, Set<Format> formats, EventSink events)
      throws IOException {
    List<Figure> figures = build(a);
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "scylla-figures");
              t.setDaemon(true);
              return t;
            });
    AtomicInteger done = new AtomicInteger();
    List<Future<List<Path>>> futures = new ArrayList<>();
    try {
      for (Figure f : figures) {
        futures.add(pool.submit(() -> write(f, dir, formats, events, done, figures.size())));
      }
      List<Path> written = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          written.addAll(futures.get(i).get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          failures.add(figures.get(i).name() + ": " + c);
          events.error("figure " + figures.get(i).name() + " failed: " + c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ScyllaException(
              ScyllaException.Kind.INTERRUPTED, "interrupted while writing figures");
        }
      }
      if (!failures.isEmpty()) {
        throw new ScyllaException(
            ScyllaException.Kind.INTERNAL,
            failures.size()
                + " of "
                + figures.size()
                + " figures failed: "
                + String.join("; ", failures));
      }
      return written;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A LaTeX {@code figure} that includes the PDF at the text width, with the caption and the label
   * {@code fig:<name>}, as the reference's {@code <name>_include.tex}.
   */
  static String include(Figure f) {
    return "\\begin{figure}[htbp]\n"
        + "  \\centering\n"
        + "  \\includegraphics[width=\\textwidth]{"
        + f.name()
        + ".pdf}\n"
        + "  \\caption{"
        + dev.scylla.analysis.tables.Latex.escape(f.caption())
        + "}\n"
        + "  \\label{fig:"
        + f.name()
        + "}\n"
        + "\\end{figure}\n";
  }

  private static List<Path> write(
      Figure f, Path dir, Set<Format> formats, EventSink events, AtomicInteger done, int total)
      throws IOException {
    List<Path> out = new ArrayList<>();
    if (f.isSkipped()) {
      events.info("figure " + f.name() + " skipped: " + f.skipped());
    } else {
      for (Format fmt : formats) {
        Path file = dir.resolve(f.name() + "." + fmt.extension());
        AtomicFiles.write(file, fmt.encode(f.drawing()));
        out.add(file);
      }
      if (formats.contains(Format.PDF)) {
        Path include = dir.resolve(f.name() + "_include.tex");
        AtomicFiles.writeString(include, include(f));
        out.add(include);
      }
    }
    events.progress("figures", done.incrementAndGet(), total, f.name());
    return out;
  }
}
