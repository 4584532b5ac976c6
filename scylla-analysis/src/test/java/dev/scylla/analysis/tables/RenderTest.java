package dev.scylla.analysis.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Markdown and LaTeX rendering of a table, independent of any analysis. */
class RenderTest {
  private static Table small() {
    return Table.builder("tab99_demo", "Demo: 50% & more_{x}")
        .left("Model", "Tier")
        .right("Rate", "CoP")
        .group()
        .row("Sonnet | 4.5", "T0", "85.0% [72.1, 93.0]", "∞")
        .row("Sonnet | 4.5", "T1", "−12.0 pp", "$0.135")
        .group()
        .total(List.of("Sonnet | 4.5", "All", "0.973 ± 0.015", "≥ 1"))
        .note("Strict = passed / attempted; 100% means all.")
        .build();
  }

  @Test
  void markdownHasHeaderAlignmentEscapedPipesBoldTotalsAndNotes() {
    String md = Markdown.render(small());
    List<String> lines = md.lines().toList();
    assertThat(lines.get(0)).isEqualTo("### Demo: 50% & more_{x}");
    assertThat(lines).contains("| Model | Tier | Rate | CoP |", "|:---|:---|---:|---:|");
    assertThat(md).contains("| Sonnet \\| 4.5 | T0 | 85.0% [72.1, 93.0] | ∞ |");
    assertThat(md).contains("| **Sonnet \\| 4.5** | **All** | **0.973 ± 0.015** | **≥ 1** |");
    assertThat(md).endsWith("Strict = passed / attempted; 100% means all.\n");
    // every table row has as many cells as the header
    for (String l : lines) {
      if (l.startsWith("|")) {
        assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
      }
    }
  }

  @Test
  void latexUsesBooktabsRulesEscapesSpecialsAndTurnsSymbolsIntoMath() {
    String tex = Latex.render(small());
    assertThat(count(tex, "\\toprule")).isEqualTo(1);
    assertThat(count(tex, "\\bottomrule")).isEqualTo(1);
    // one after the header, one before the total's group
    assertThat(count(tex, "\\midrule")).isEqualTo(2);
    assertThat(tex).contains("\\begin{tabular}{llrr}");
    assertThat(tex).contains("\\caption{Demo: 50\\% \\& more\\_\\{x\\}}\\label{tab:tab99_demo}");
    assertThat(tex).contains("Sonnet | 4.5 & T0 & 85.0\\% [72.1, 93.0] & $\\infty$ \\\\");
    assertThat(tex).contains("$-$12.0 pp & \\$0.135 \\\\");
    assertThat(tex).contains("\\textbf{0.973 $\\pm$ 0.015} & \\textbf{$\\geq$ 1} \\\\");
    assertThat(tex).doesNotContain("resizebox").doesNotContain("longtable}");
    // the notes escape too
    assertThat(tex).contains("100\\% means all.");
    // braces balance, so the fragment compiles inside a document
    assertThat(count(tex, "{") - count(tex, "\\{")).isEqualTo(count(tex, "}") - count(tex, "\\}"));
  }

  @Test
  void longTablesBreakAcrossPagesAndWideOnesAreScaledToTheLine() {
    Table.Builder b = Table.builder("tab98_long", "Long").left("A").right("B");
    for (int i = 0; i < Latex.LONG + 5; i++) {
      b.row("r" + i, Integer.toString(i));
    }
    String tex = Latex.render(b.build());
    assertThat(tex).contains("\\begin{longtable}{lr}", "\\endfirsthead", "\\endhead", "\\endfoot");
    assertThat(count(tex, "\\toprule")).isEqualTo(2); // first page and repeated header
    assertThat(count(tex, "\\bottomrule")).isEqualTo(1);

    Table.Builder w = Table.builder("tab97_wide", "Wide").left("A");
    List<String> cells = new ArrayList<>(List.of("x"));
    for (int i = 0; i < Latex.WIDE; i++) {
      w.right("C" + i);
      cells.add("1");
    }
    String wide = Latex.render(w.row(cells).build());
    assertThat(wide).contains("\\resizebox{\\linewidth}{!}{%").contains("\\end{tabular}\n}\n");
  }

  @Test
  void aSkippedTableSaysWhyInBothFormats() {
    Table t = Table.skip("tab06_model_comparison", "Agent model comparison", "needs 2 models");
    assertThat(Markdown.render(t)).contains("_Not produced: needs 2 models._");
    assertThat(Latex.render(t))
        .contains("% Not produced: needs 2 models")
        .doesNotContain("tabular");
  }

  @Test
  void aRowWithTheWrongNumberOfCellsIsRefused() {
    Table.Builder b = Table.builder("t", "T").left("A", "B");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells for 2 columns");
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
