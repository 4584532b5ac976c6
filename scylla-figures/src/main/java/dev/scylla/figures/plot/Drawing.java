package dev.scylla.figures.plot;

import java.awt.Graphics2D;

/**
 * Something that paints itself on a Graphics2D in a coordinate system of points (1/72 inch), with
 * the origin at the top left. The same drawing is painted once per output format, so it must paint
 * the same way every time it is asked.
 */
public interface Drawing {
  /** Width in points. */
  double width();

  /** Height in points. */
  double height();

  void paint(Graphics2D g);
}
