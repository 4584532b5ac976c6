package dev.scylla.figures.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Turns a {@link Drawing} into the bytes of a PNG (at a given resolution, with the resolution
 * recorded in its pHYs chunk), an SVG (deterministic: the same drawing gives the same bytes) or a
 * one-page PDF whose page has the drawing's size.
 */
public final class Encoders {
  private Encoders() {}

  /** The pixel size a drawing of {@code points} gets at {@code dpi}. */
  public static int pixels(double points, int dpi) {
    return (int) Math.round(points * dpi / 72.0);
  }

  /** Renders to PNG at {@code dpi} dots per inch. */
  public static byte[] png(Drawing d, int dpi) {
    double scale = dpi / 72.0;
    int w = pixels(d.width(), dpi);
    int h = pixels(d.height(), dpi);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      hints(g);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      d.paint(g);
    } finally {
      g.dispose();
    }
    return Png.encode(img, dpi);
  }

  /**
   * Renders to SVG. Text stays text. The document's width and height are given in points, so it has
   * the same physical size as the PNG and the PDF.
   */
  public static byte[] svg(Drawing d) {
    VectorGraphics2D g = new VectorGraphics2D();
    hints(g);
    d.paint(g);
    Document doc =
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, d.width(), d.height()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      doc.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    // The processor writes the size in px (1/96 in); our coordinates are points.
    text =
        text.replaceFirst("height=\"([0-9.]+)px\"", "height=\"$1pt\"")
            .replaceFirst("width=\"([0-9.]+)px\"", "width=\"$1pt\"");
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Renders to a one-page PDF whose page is the drawing's size. Text is drawn as outlines. */
  public static byte[] pdf(Drawing d) {
    try (PDDocument doc = new PDDocument()) {
      float w = (float) d.width();
      float h = (float) d.height();
      PDPage page = new PDPage(new PDRectangle(w, h));
      doc.addPage(page);
      PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
      try {
        hints(g);
        d.paint(g);
      } finally {
        g.dispose();
      }
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawForm(g.getXFormObject());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  }
}
