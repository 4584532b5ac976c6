package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both layouts, several experiments, the reference's data-directory layout, exclusions. */
class LayoutsTest {
  static final AnalysisParameters FAST =
      new AnalysisParameters(0.05, 100, 42, 0.95).with(Pipeline.COMMITTED);
  @TempDir Path tmp;

  private static SyntheticExperiment builder(long seed) {
    return SyntheticExperiment.builder().tier("T0", "00").tier("T2", "01", "02").runs(3).seed(seed);
  }

  private static Analysis analyze(List<Path> in, List<String> excludes) {
    return new Analyzer(EventSink.NONE).analyze(in, excludes, FAST);
  }

  private static List<String> withoutExperiment(String csv) {
    return csv.lines().map(l -> l.substring(l.indexOf(','))).toList();
  }

  @Test
  void thePhasedLayoutGivesTheSameRowsAsTheFlatOne() {
    Path flat = builder(7).writeTo(tmp.resolve("flat"));
    Path phased = builder(7).phased().writeTo(tmp.resolve("phased"));
    Analysis a = analyze(List.of(flat), List.of());
    Analysis b = analyze(List.of(phased), List.of());
    assertThat(a.data().runs()).hasSize(9);
    assertThat(b.data().experiments().get(0).layout()).isEqualTo("phased");
    assertThat(withoutExperiment(DataFiles.runsCsv(b.data().runs())))
        .isEqualTo(withoutExperiment(DataFiles.runsCsv(a.data().runs())));
    assertThat(withoutExperiment(DataFiles.criteriaCsv(b.data().criteria())))
        .isEqualTo(withoutExperiment(DataFiles.criteriaCsv(a.data().criteria())));
  }

  @Test
  void severalExperimentsAreReadInNameOrder() {
    Path b = builder(2).writeTo(tmp.resolve("b-exp"));
    Path a = builder(1).writeTo(tmp.resolve("a-exp"));
    Analysis x = analyze(List.of(b, a), List.of());
    assertThat(x.data().experiments())
        .extracting(ExperimentInfo::name)
        .containsExactly("a-exp", "b-exp");
    assertThat(x.data().runs()).hasSize(18);
    assertThat(x.data().runs().get(0).experiment()).isEqualTo("a-exp");
    assertThat(x.summary().totalExperiments()).isEqualTo(2);
    assertThat(x.subtests()).hasSize(6);
    assertThat(x.subtests().get(0).experiment()).isEqualTo("a-exp");
  }

  @Test
  void twoAgentModelsAreSummarisedAndTestedSeparately() throws Exception {
    Path b = builder(2).writeTo(tmp.resolve("b-haiku"));
    Path a = builder(1).writeTo(tmp.resolve("a-sonnet"));
    Path cfg = b.resolve("config/experiment.json");
    Files.writeString(
        cfg,
        Files.readString(cfg)
            .replace("claude-sonnet-4-5-20250929\"\n  ]", "claude-haiku-4-5\"\n  ]"));
    Analysis x = analyze(List.of(a, b), List.of());
    assertThat(x.summary().models()).containsExactly("Sonnet 4.5", "Haiku 4.5");
    assertThat(x.summary().byModel().keySet()).containsExactly("Sonnet 4.5", "Haiku 4.5");
    assertThat(x.summary().byModel().get("Haiku 4.5").totalRuns()).isEqualTo(9);
    // statistics iterate models sorted
    assertThat(x.statistics().tierDescriptives())
        .extracting(StatisticalResults.TierDescriptive::model)
        .startsWith("Haiku 4.5")
        .endsWith("Sonnet 4.5");
    assertThat(x.passRates())
        .filteredOn(p -> p.scope().equals("model"))
        .extracting(PassRateRow::agentModel)
        .containsExactly("Haiku 4.5", "Sonnet 4.5");
    // by_tier pools both models
    assertThat(x.summary().byTier().get("T0").totalRuns()).isEqualTo(6);
  }

  @Test
  void aDataDirectoryUsesTheLastTimestampDirectoryOfEachExperiment() throws Exception {
    Path data = tmp.resolve("fullruns");
    builder(1).writeTo(data.resolve("test001/2026-01-01T00-00-00-test-001"));
    builder(2).writeTo(data.resolve("test001/2026-02-01T00-00-00-test-001"));
    builder(3).writeTo(data.resolve("direct-exp"));
    Files.createDirectories(data.resolve("not-an-experiment/empty"));
    Analysis x = analyze(List.of(data), List.of());
    assertThat(x.data().experiments())
        .extracting(ExperimentInfo::name)
        .containsExactly("2026-02-01T00-00-00-test-001", "direct-exp");
  }

  @Test
  void excludeExperimentsTiersAndSubtests() {
    Path a = builder(1).writeTo(tmp.resolve("keep"));
    Path b = builder(2).writeTo(tmp.resolve("drop-me"));
    Analysis x = analyze(List.of(a, b), List.of("drop-*", "T2/02"));
    assertThat(x.data().experiments()).extracting(ExperimentInfo::name).containsExactly("keep");
    assertThat(x.data().runs())
        .extracting(r -> r.tier() + "/" + r.subtest())
        .containsOnly("T0/00", "T2/01");
    assertThat(x.data().outcomes()).hasSize(6);
    Analysis y = analyze(List.of(a, b), List.of("keep/T0"));
    assertThat(y.data().runs())
        .filteredOn(r -> r.experiment().equals("keep"))
        .extracting(RunRow::tier)
        .containsOnly("T2");
    assertThat(y.data().runs())
        .filteredOn(r -> r.experiment().equals("drop-me"))
        .extracting(RunRow::tier)
        .contains("T0");
  }

  @Test
  void aJudgeBeyondTheConfiguredOnesIsRead() throws Exception {
    Path exp =
        builder(4).judges("claude-opus-4-5-20251101", "claude-haiku-4-5").writeTo(tmp.resolve("e"));
    Path extra = exp.resolve("T0/00/run_01/judge/judge_03");
    Files.createDirectories(extra);
    Files.writeString(
        extra.resolve("judgment.json"),
        "{\"score\": 0.5, \"passed\": false, \"grade\": \"C\", \"reasoning\": \"late judge\"}");
    Files.writeString(extra.resolve("MODEL.md"), "**Model**: claude-sonnet-4-5-20250929\n");
    Analysis x = analyze(List.of(exp), List.of());
    assertThat(x.data().judges())
        .filteredOn(j -> j.judgeNumber() == 3)
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.judgeModel()).isEqualTo("claude-sonnet-4-5-20250929");
              assertThat(j.judgeImplRate()).isNaN();
            });
  }
}
