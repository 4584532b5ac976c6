package dev.scylla.analysis;

import java.util.List;

/**
 * Everything read from the experiments, as rows: the reference's three run-level tables plus our
 * outcome of every expected run. Rows are in the reference's order (experiments by name, then tier,
 * subtest and run).
 *
 * @param warnings what was skipped or odd while reading, one line each
 * @param ledger what every expected run cost, archived attempts included (empty when not read)
 * @param repeats the repeat verdicts of judge slots ({@code rerun-judges --repeat}); empty when
 *     none
 */
public record Dataset(
    List<ExperimentInfo> experiments,
    List<RunRow> runs,
    List<JudgeRow> judges,
    List<CriterionRow> criteria,
    List<RunOutcome> outcomes,
    List<String> warnings,
    List<LedgerRow> ledger,
    List<RepeatRow> repeats) {

  public Dataset(
      List<ExperimentInfo> experiments,
      List<RunRow> runs,
      List<JudgeRow> judges,
      List<CriterionRow> criteria,
      List<RunOutcome> outcomes,
      List<String> warnings,
      List<LedgerRow> ledger) {
    this(experiments, runs, judges, criteria, outcomes, warnings, ledger, List.of());
  }

  public Dataset(
      List<ExperimentInfo> experiments,
      List<RunRow> runs,
      List<JudgeRow> judges,
      List<CriterionRow> criteria,
      List<RunOutcome> outcomes,
      List<String> warnings) {
    this(experiments, runs, judges, criteria, outcomes, warnings, List.of());
  }

  public Dataset {
    ledger = List.copyOf(ledger);
    repeats = List.copyOf(repeats);
    experiments = List.copyOf(experiments);
    runs = List.copyOf(runs);
    judges = List.copyOf(judges);
    criteria = List.copyOf(criteria);
    outcomes = List.copyOf(outcomes);
    warnings = List.copyOf(warnings);
  }
}
