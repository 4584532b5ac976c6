package dev.scylla.analysis;

import java.util.List;

/**
 * The complete result of an analysis: what was read, what was derived, the statistics. Tables and
 * figures are rendered from this value only.
 */
public record Analysis(
    Dataset data,
    List<SubtestRow> subtests,
    Summary summary,
    List<PassRateRow> passRates,
    List<RetryRow> retries,
    StatisticalResults statistics,
    AnalysisParameters parameters) {

  public Analysis {
    subtests = List.copyOf(subtests);
    passRates = List.copyOf(passRates);
    retries = List.copyOf(retries);
  }
}
