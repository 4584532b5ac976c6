package dev.scylla.analysis;

import dev.scylla.event.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Something that renders an {@link Analysis} into a directory of its own: tables into {@code
 * DIR/tables/}, figures into {@code DIR/figures/}. The analysis module does not depend on the
 * renderers; the caller (the CLI) passes them in the request, usually those {@link
 * AnalysisRenderers#discover()} finds: list an implementation, with a public no-argument
 * constructor, in {@code META-INF/services/dev.scylla.analysis.AnalysisRenderer}. Every file goes
 * through {@code AtomicFiles}.
 */
public interface AnalysisRenderer {

  /** The sub-directory of the output directory this renderer writes into ({@code tables}). */
  String directory();

  /** Renders into {@code dir} (created by the caller) and returns the files it wrote. */
  List<Path> render(Analysis analysis, Path dir, EventSink events) throws IOException;
}
