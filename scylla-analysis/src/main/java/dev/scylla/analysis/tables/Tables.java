package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.AnalysisRenderer;
import dev.scylla.event.EventSink;
import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the tables of an analysis into a directory: {@code <name>.md} (Markdown) and {@code
 * <name>.tex} (LaTeX, booktabs) for each. A table that does not apply to the data (one agent model:
 * no model comparison) is skipped with an info event. Every pass-rate table shows both denominators
 * (strict, and excluding infrastructure failures) with the counts that separate them.
 */
public final class Tables implements AnalysisRenderer {

  @Override
  public String directory() {
    return "tables";
  }

  @Override
  public List<Path> render(Analysis analysis, Path dir, EventSink events) throws IOException {
    return writeAll(analysis, dir, events);
  }

  /** Every table of {@code a}, in file-name order; skipped ones carry their reason. */
  public static List<Table> build(Analysis a) {
    TierView v = TierView.of(a);
    return List.of(
        TierTables.tierSummary(a, v),
        ComparisonTables.tierComparison(a, v, "pass_rate"),
        ComparisonTables.tierComparison(a, v, "impl_rate"),
        OtherTables.judgeAgreement(a, v),
        OtherTables.criteria(a, v),
        TierTables.cost(v),
        ComparisonTables.models(a, v),
        ComparisonTables.modelPairs(a, v),
        TierTables.subtests(a),
        OtherTables.summaryStatistics(a, v),
        OtherTables.experiments(a),
        OtherTables.normality(a),
        OtherTables.experimentOverview(a),
        TierTables.denominators(a),
        OtherTables.retries(a, v),
        PassAtKTable.build(a),
        CostLedgerTable.build(a),
        JudgeNoiseTable.build(a),
        ComparisonTables.cfpComparison(a, v));
  }

  /** Writes every table that applies; returns the files written. */
  public static List<Path> writeAll(Analysis a, Path dir, EventSink events) throws IOException {
    List<Path> written = new ArrayList<>();
    List<Table> tables = build(a);
    int i = 0;
    for (Table t : tables) {
      i++;
      if (t.isSkipped()) {
        events.info("table " + t.name() + " skipped: " + t.skipped());
      } else {
        Path md = dir.resolve(t.name() + ".md");
        Path tex = dir.resolve(t.name() + ".tex");
        AtomicFiles.writeString(md, Markdown.render(t));
        AtomicFiles.writeString(tex, Latex.render(t));
        written.add(md);
        written.add(tex);
      }
      events.progress("tables", i, tables.size(), t.name());
    }
    return written;
  }
}
