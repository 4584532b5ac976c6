package dev.scylla.figures;

/** Side-by-side placement of {@code count} series inside a category band. */
record Dodge(double inner, int count, double maxWidth) {
  /** Width of one series' slot. */
  double width() {
    return Math.min(maxWidth, inner / Math.max(1, count));
  }

  /** Centre of series {@code k} relative to the band centre. */
  double offset(int k) {
    return (k - (count - 1) / 2.0) * width();
  }
}
