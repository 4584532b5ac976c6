package dev.scylla.analysis.tables;

/**
 * Renders a {@link Table} as LaTeX with the booktabs rules ({@code \toprule}, {@code \midrule},
 * {@code \bottomrule}); a table longer than {@link #LONG} rows becomes a {@code longtable} that
 * breaks across pages. Needs the LaTeX packages booktabs (and longtable for long tables). Special
 * characters are escaped and the symbols the tables use (∞, ±, Δ, δ, α, ρ, −, ≥, →) become math.
 */
public final class Latex {
  /** Tables with more rows than this become longtables. */
  public static final int LONG = 40;

  /** Tables with more columns than this are scaled to the line width. */
  public static final int WIDE = 7;

  private Latex() {}

  public static String render(Table t) {
    StringBuilder sb = new StringBuilder(2048);
    sb.append("% ").append(t.name()).append(" (written by scylla)\n");
    sb.append("% needs \\usepackage{booktabs}, graphicx (wide tables) and longtable (long ones)\n");
    if (t.isSkipped()) {
      sb.append("% Not produced: ").append(t.skipped().replace('\n', ' ')).append('\n');
      return sb.toString();
    }
    StringBuilder spec = new StringBuilder();
    for (Table.Column c : t.columns()) {
      spec.append(
          switch (c.align()) {
            case LEFT -> 'l';
            case RIGHT -> 'r';
            case CENTER -> 'c';
          });
    }
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < t.columns().size(); i++) {
      if (i > 0) {
        header.append(" & ");
      }
      header.append(escape(t.columns().get(i).header()));
    }
    header.append(" \\\\\n");
    boolean longTable = t.rows().size() > LONG;
    boolean wide = t.columns().size() > WIDE;
    String caption = "\\caption{" + escape(t.title()) + "}\\label{tab:" + t.name() + "}";
    if (longTable) {
      sb.append("{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n");
      sb.append("\\begin{longtable}{").append(spec).append("}\n");
      sb.append(caption).append(" \\\\\n");
      sb.append("\\toprule\n").append(header).append("\\midrule\n\\endfirsthead\n");
      sb.append("\\toprule\n").append(header).append("\\midrule\n\\endhead\n");
      sb.append("\\bottomrule\n\\endfoot\n");
    } else {
      sb.append("\\begin{table}[htbp]\n\\centering\n\\small\n");
      sb.append(caption).append('\n');
      if (wide) {
        sb.append("\\resizebox{\\linewidth}{!}{%\n");
      }
      sb.append("\\begin{tabular}{").append(spec).append("}\n");
      sb.append("\\toprule\n").append(header).append("\\midrule\n");
    }
    for (Table.Row r : t.rows()) {
      if (r.ruleBefore()) {
        sb.append("\\midrule\n");
      }
      for (int i = 0; i < r.cells().size(); i++) {
        if (i > 0) {
          sb.append(" & ");
        }
        String cell = escape(r.cells().get(i));
        sb.append(r.total() && !cell.isEmpty() ? "\\textbf{" + cell + "}" : cell);
      }
      sb.append(" \\\\\n");
    }
    if (longTable) {
      sb.append("\\end{longtable}\n");
      notes(t, sb);
      sb.append("}\n");
    } else {
      sb.append("\\bottomrule\n\\end{tabular}\n");
      if (wide) {
        sb.append("}\n");
      }
      notes(t, sb);
      sb.append("\\end{table}\n");
    }
    return sb.toString();
  }

  private static void notes(Table t, StringBuilder sb) {
    if (t.notes().isEmpty()) {
      return;
    }
    sb.append("\\par\\smallskip\n{\\footnotesize\n");
    for (String n : t.notes()) {
      sb.append(escape(n)).append("\\par\n");
    }
    sb.append("}\n");
  }

  /** Escapes LaTeX specials and maps the symbols used in cells to math. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
        case '~' -> sb.append("\\textasciitilde{}");
        case '^' -> sb.append("\\textasciicircum{}");
        case '<' -> sb.append("$<$");
        case '>' -> sb.append("$>$");
        case '∞' -> sb.append("$\\infty$");
        case '±' -> sb.append("$\\pm$");
        case 'Δ' -> sb.append("$\\Delta$");
        case 'δ' -> sb.append("$\\delta$");
        case 'α' -> sb.append("$\\alpha$");
        case 'ρ' -> sb.append("$\\rho$");
        case 'χ' -> sb.append("$\\chi$");
        case '−' -> sb.append("$-$");
        case '≥' -> sb.append("$\\geq$");
        case '≤' -> sb.append("$\\leq$");
        case '→' -> sb.append("$\\rightarrow$");
        case '×' -> sb.append("$\\times$");
        case '–' -> sb.append("--");
        case '—' -> sb.append("---");
        case '…' -> sb.append("\\ldots{}");
        case '\n' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
