package dev.scylla.figures.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole figure: a title, a subtitle, a legend, a grid of panels and notes at the bottom. The
 * width is fixed; the height follows from the number of panel rows, rounded up to a hundredth of an
 * inch so the pixel size at any whole dpi is exact.
 */
public final class Page implements Drawing {
  /** Paints one panel inside its rectangle (below the panel title, if any). */
  @FunctionalInterface
  public interface PanelPainter {
    void paint(Graphics2D g, Rectangle2D area);
  }

  /** A panel with an optional title. */
  public record Panel(String title, PanelPainter painter) {}

  public static final double MARGIN = 10;

  private final double width;
  private final String title;
  private String subtitle = "";
  private final List<Legend.Item> legend = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Panel> panels = new ArrayList<>();
  private int columns = 1;
  private double panelHeight = 220;
  private double height = -1;

  /** A page {@code widthInches} wide. */
  public Page(double widthInches, String title) {
    this.width = widthInches * 72;
    this.title = title;
  }

  public Page subtitle(String s) {
    this.subtitle = s == null ? "" : s;
    return this;
  }

  public Page legend(List<Legend.Item> items) {
    legend.addAll(items);
    return this;
  }

  public Page note(String n) {
    if (n != null && !n.isBlank()) {
      notes.add(n);
    }
    return this;
  }

  public Page columns(int c) {
    this.columns = Math.max(1, c);
    return this;
  }

  /** Height of each panel row in points (including its title). */
  public Page panelHeight(double h) {
    this.panelHeight = h;
    return this;
  }

  public Page panel(String panelTitle, PanelPainter p) {
    panels.add(new Panel(panelTitle, p));
    return this;
  }

  @Override
  public double width() {
    return width;
  }

  private double inner() {
    return width - 2 * MARGIN;
  }

  private List<String> subtitleLines() {
    return subtitle.isEmpty() ? List.of() : Text.wrap(Theme.SUBTITLE, subtitle, inner());
  }

  private List<String> noteLines() {
    List<String> out = new ArrayList<>();
    for (String n : notes) {
      out.addAll(Text.wrap(Theme.NOTE, n, inner()));
    }
    return out;
  }

  private int rows() {
    return Math.max(1, (panels.size() + columns - 1) / columns);
  }

  private double headerHeight() {
    double h = MARGIN + Text.lineHeight(Theme.TITLE);
    h += subtitleLines().size() * Text.lineHeight(Theme.SUBTITLE);
    if (!legend.isEmpty()) {
      h += 4 + Legend.height(legend, inner());
    }
    return h + 6;
  }

  @Override
  public double height() {
    if (height < 0) {
      double h = headerHeight() + rows() * panelHeight;
      List<String> n = noteLines();
      if (!n.isEmpty()) {
        h += 4 + n.size() * Text.lineHeight(Theme.NOTE);
      }
      h += MARGIN;
      double inches = Math.ceil(h / 72 * 100 - 1e-9) / 100;
      height = inches * 72;
    }
    return height;
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width(), height()));
    double y = MARGIN;
    Text.draw(g, Theme.TITLE, Theme.INK, title, MARGIN, y, Text.H.LEFT, Text.V.TOP);
    y += Text.lineHeight(Theme.TITLE);
    Text.drawLines(g, Theme.SUBTITLE, Theme.MUTED, subtitleLines(), MARGIN, y, Text.H.LEFT);
    y += subtitleLines().size() * Text.lineHeight(Theme.SUBTITLE);
    if (!legend.isEmpty()) {
      y += 4;
      Legend.draw(g, legend, MARGIN, y, inner());
      y += Legend.height(legend, inner());
    }
    y += 6;
    double colW = inner() / columns;
    for (int i = 0; i < panels.size(); i++) {
      int r = i / columns;
      int c = i % columns;
      double px = MARGIN + c * colW;
      double py = y + r * panelHeight;
      Panel p = panels.get(i);
      double top = py;
      if (p.title() != null && !p.title().isEmpty()) {
        String t = Text.fit(Theme.PANEL_TITLE, p.title(), colW - 4);
        Text.draw(g, Theme.PANEL_TITLE, Theme.INK, t, px + colW / 2, py, Text.H.CENTER, Text.V.TOP);
        top += Text.lineHeight(Theme.PANEL_TITLE) + 2;
      }
      Graphics2D pg = (Graphics2D) g.create();
      try {
        p.painter()
            .paint(pg, new Rectangle2D.Double(px, top, colW - 4, py + panelHeight - top - 4));
      } finally {
        pg.dispose();
      }
    }
    List<String> n = noteLines();
    if (!n.isEmpty()) {
      double ny = height() - MARGIN - n.size() * Text.lineHeight(Theme.NOTE);
      Text.drawLines(g, Theme.NOTE, Theme.MUTED, n, MARGIN, ny, Text.H.LEFT);
    }
  }

  /** A panel that only says why there is nothing to draw. */
  public static PanelPainter message(String text) {
    return (g, area) -> {
      g.setColor(new Color(0xF7F7F7));
      g.fill(area);
      List<String> lines = Text.wrap(Theme.MESSAGE, text, area.getWidth() - 20);
      double lh = Text.lineHeight(Theme.MESSAGE);
      double y0 = area.getCenterY() - lines.size() * lh / 2;
      Text.drawLines(g, Theme.MESSAGE, Theme.MUTED, lines, area.getCenterX(), y0, Text.H.CENTER);
    };
  }
}
