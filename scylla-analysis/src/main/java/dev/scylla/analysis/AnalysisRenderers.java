package dev.scylla.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The renderers on the class path, found with {@link ServiceLoader}: a module that renders an
 * analysis (tables, figures) lists its {@link AnalysisRenderer} classes, each with a public
 * no-argument constructor, in {@code META-INF/services/dev.scylla.analysis.AnalysisRenderer}. So
 * the analysis module and the command line never depend on a renderer's module at compile time.
 */
public final class AnalysisRenderers {
  /** The directory of the figure renderer, which {@code --no-figures} leaves out. */
  public static final String FIGURES = "figures";

  private AnalysisRenderers() {}

  /** Every renderer found, tables before figures, then by directory name. */
  public static List<AnalysisRenderer> discover() {
    List<AnalysisRenderer> out = new ArrayList<>();
    ServiceLoader.load(AnalysisRenderer.class, AnalysisRenderers.class.getClassLoader())
        .forEach(out::add);
    out.sort(
        Comparator.comparing((AnalysisRenderer r) -> r.directory().equals(FIGURES))
            .thenComparing(AnalysisRenderer::directory));
    return out;
  }

  /** The renderers found, without the figures when {@code noFigures}. */
  public static List<AnalysisRenderer> discover(boolean noFigures) {
    return discover().stream().filter(r -> !(noFigures && r.directory().equals(FIGURES))).toList();
  }
}
