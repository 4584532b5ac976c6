package dev.scylla.analysis;

import java.util.List;

/**
 * Everything read from the experiments, as rows: the reference's three run-level tables plus our
 * outcome of every expected run. Rows are in the reference's order (experiments by name, then tier,
 * subtest and run).
 *
 * @param warnings what was skipped or odd while reading, one line each
 */
public record Dataset(
    List<ExperimentInfo> experiments,
    List<RunRow> runs,
    List<JudgeRow> judges,
    List<CriterionRow> criteria,
    List<RunOutcome> outcomes,
    List<String> warnings) {

  public Dataset {
    experiments = List.copyOf(experiments);
    runs = List.copyOf(runs);
    judges = List.copyOf(judges);
    criteria = List.copyOf(criteria);
    outcomes = List.copyOf(outcomes);
    warnings = List.copyOf(warnings);
  }
}
