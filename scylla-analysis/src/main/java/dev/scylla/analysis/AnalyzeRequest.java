package dev.scylla.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * Analyse experiments into {@code out}: {@code out/data/} always, then each renderer into its own
 * sub-directory.
 *
 * @param inputs experiment directories (either layout), or directories holding experiments
 * @param excludes exclusion patterns (see {@link Exclusions})
 * @param renderers tables, figures, ...; empty for data only
 */
public record AnalyzeRequest(
    List<Path> inputs,
    Path out,
    List<String> excludes,
    List<AnalysisRenderer> renderers,
    AnalysisParameters parameters) {

  public AnalyzeRequest {
    inputs = List.copyOf(inputs);
    excludes = List.copyOf(excludes);
    renderers = List.copyOf(renderers);
  }

  public AnalyzeRequest(Path out, List<Path> inputs) {
    this(inputs, out, List.of(), List.of(), AnalysisParameters.DEFAULTS);
  }
}
