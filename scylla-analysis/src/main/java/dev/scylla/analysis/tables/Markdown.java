package dev.scylla.analysis.tables;

import java.util.List;

/** Renders a {@link Table} as a GitHub-flavoured Markdown table with its title and notes. */
public final class Markdown {
  private Markdown() {}

  public static String render(Table t) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("### ").append(t.title()).append("\n\n");
    if (t.isSkipped()) {
      sb.append("_Not produced: ").append(escape(t.skipped())).append("._\n");
      return sb.toString();
    }
    sb.append('|');
    for (Table.Column c : t.columns()) {
      sb.append(' ').append(escape(c.header())).append(" |");
    }
    sb.append("\n|");
    for (Table.Column c : t.columns()) {
      sb.append(
          switch (c.align()) {
            case LEFT -> ":---|";
            case RIGHT -> "---:|";
            case CENTER -> ":---:|";
          });
    }
    sb.append('\n');
    for (Table.Row r : t.rows()) {
      sb.append('|');
      List<String> cells = r.cells();
      for (String cell : cells) {
        String s = escape(cell);
        sb.append(' ').append(r.total() && !s.isEmpty() ? "**" + s + "**" : s).append(" |");
      }
      sb.append('\n');
    }
    if (!t.notes().isEmpty()) {
      sb.append('\n');
      for (String n : t.notes()) {
        sb.append(n).append("\n\n");
      }
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ");
  }
}
