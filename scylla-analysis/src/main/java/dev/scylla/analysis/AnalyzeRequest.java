package dev.scylla.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * Analyse experiments into {@code out}: {@code out/data/} always, then each renderer into its own
 * sub-directory.
 *
 * @param inputs experiment directories (either layout), or directories holding experiments; empty
 *     when {@code dataDir} is given
 * @param excludes exclusion patterns (see {@link Exclusions})
 * @param renderers tables, figures, ...; empty for data only
 * @param dataDir a data directory read with the reference's discovery rules ({@code --data-dir}),
 *     or null
 */
public record AnalyzeRequest(
    List<Path> inputs,
    Path out,
    List<String> excludes,
    List<AnalysisRenderer> renderers,
    AnalysisParameters parameters,
    Path dataDir) {

  public AnalyzeRequest {
    inputs = List.copyOf(inputs);
    excludes = List.copyOf(excludes);
    renderers = List.copyOf(renderers);
  }

  public AnalyzeRequest(
      List<Path> inputs,
      Path out,
      List<String> excludes,
      List<AnalysisRenderer> renderers,
      AnalysisParameters parameters) {
    this(inputs, out, excludes, renderers, parameters, null);
  }

  public AnalyzeRequest(Path out, List<Path> inputs) {
    this(inputs, out, List.of(), List.of(), AnalysisParameters.DEFAULTS);
  }

  /** The directories read: the data dir, or the inputs. */
  public List<Path> sources() {
    return dataDir != null ? List.of(dataDir) : inputs;
  }
}
