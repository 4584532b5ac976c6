package dev.scylla.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code analyze} did.
 *
 * @param files every file written, relative to the output directory
 * @param renderFailures one line per renderer that failed ({@code figures: ...}); the data files
 *     are written regardless
 */
public record AnalyzeReport(
    Analysis analysis, Path out, List<String> files, List<String> renderFailures) {

  public AnalyzeReport {
    files = List.copyOf(files);
    renderFailures = List.copyOf(renderFailures);
  }
}
