package dev.scylla.analysis.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * One table, independent of its output format: a name (the file name without extension), a title,
 * columns with their alignment, rows of already formatted cells, and notes printed below. A row may
 * start a new group (a rule before it) or be a total (bold). A table that cannot be built for the
 * data carries the reason instead of rows.
 */
public record Table(
    String name,
    String title,
    List<Column> columns,
    List<Row> rows,
    List<String> notes,
    String skipped) {

  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** Column alignment. */
  public enum Align {
    LEFT,
    RIGHT,
    CENTER
  }

  /** A column header and its alignment. */
  public record Column(String header, Align align) {}

  /**
   * A row of cells.
   *
   * @param ruleBefore draw a rule above this row (a new group)
   * @param total a total row, set in bold
   */
  public record Row(List<String> cells, boolean ruleBefore, boolean total) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  public boolean isSkipped() {
    return skipped != null;
  }

  static Table skip(String name, String title, String why) {
    return new Table(name, title, List.of(), List.of(), List.of(), why);
  }

  /** The cells of column {@code header} (for tests and checks). */
  public List<String> column(String header) {
    int i = -1;
    for (int k = 0; k < columns.size(); k++) {
      if (columns.get(k).header().equals(header)) {
        i = k;
      }
    }
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + header + "' in " + name);
    }
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.cells().get(i));
    }
    return out;
  }

  static Builder builder(String name, String title) {
    return new Builder(name, title);
  }

  /** Builds a table column by column, then row by row. */
  static final class Builder {
    private final String name;
    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean nextRule;

    Builder(String name, String title) {
      this.name = name;
      this.title = title;
    }

    Builder left(String... headers) {
      for (String h : headers) {
        columns.add(new Column(h, Align.LEFT));
      }
      return this;
    }

    Builder right(String... headers) {
      for (String h : headers) {
        columns.add(new Column(h, Align.RIGHT));
      }
      return this;
    }

    /** The next row starts a new group (no rule before the first row). */
    Builder group() {
      nextRule = !rows.isEmpty();
      return this;
    }

    Builder row(List<String> cells) {
      return add(cells, false);
    }

    Builder row(String... cells) {
      return add(List.of(cells), false);
    }

    Builder total(List<String> cells) {
      return add(cells, true);
    }

    private Builder add(List<String> cells, boolean total) {
      if (cells.size() != columns.size()) {
        throw new IllegalArgumentException(
            name + ": row has " + cells.size() + " cells for " + columns.size() + " columns");
      }
      rows.add(new Row(cells, nextRule, total));
      nextRule = false;
      return this;
    }

    Builder note(String n) {
      notes.add(n);
      return this;
    }

    int rowCount() {
      return rows.size();
    }

    Table build() {
      return new Table(name, title, columns, rows, notes, null);
    }
  }
}
