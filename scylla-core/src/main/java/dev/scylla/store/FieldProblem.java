package dev.scylla.store;

/** A field of a YAML or JSON document that is absent, of the wrong type or out of range. */
final class FieldProblem extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  FieldProblem(String field, String problem) {
    super(problem);
    this.field = field;
  }

  /** The dotted path of the field ({@code source.hash}, {@code items[2].points}); may be empty. */
  String field() {
    return field;
  }

  /** {@code field "source.hash": <problem>}, or the bare problem for the whole document. */
  String describe() {
    return field == null || field.isEmpty()
        ? getMessage()
        : "field \"" + field + "\": " + getMessage();
  }
}
