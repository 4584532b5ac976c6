package dev.scylla.figures;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers a figure draws, as a small table (columns, rows of values): what the tests compare
 * with the exported data, so a figure is checked on its data, not on its pixels.
 */
public final class FigureData {
  private final List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();

  public FigureData(String... columns) {
    this.columns = List.of(columns);
  }

  public FigureData add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row of " + values.length + " values for " + columns.size() + " columns");
    }
    rows.add(java.util.Arrays.asList(values.clone()));
    return this;
  }

  public List<String> columns() {
    return columns;
  }

  public List<List<Object>> rows() {
    return java.util.Collections.unmodifiableList(rows);
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The values of one column, in row order. */
  public List<Object> column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    List<Object> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(r.get(i));
    }
    return out;
  }

  /** The value of {@code name} in the row at {@code row}. */
  public Object get(int row, String name) {
    return rows.get(row).get(columns.indexOf(name));
  }
}
