package dev.scylla.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.figures.plot.Drawing;
import dev.scylla.figures.plot.Encoders;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The three encoders on a small known drawing. */
class EncodersTest {
  /** A 6.5 x 2 inch drawing: a blue square at (72, 36) of 72 points, and a label. */
  static final Drawing SQUARE =
      new Drawing() {
        @Override
        public double width() {
          return 6.5 * 72;
        }

        @Override
        public double height() {
          return 2 * 72;
        }

        @Override
        public void paint(Graphics2D g) {
          g.setColor(new Color(0x0072B2));
          g.fill(new Rectangle2D.Double(72, 36, 72, 72));
          Text.draw(g, Theme.LABEL, Theme.INK, "5/10 · ∞", 200, 72, Text.H.LEFT, Text.V.MIDDLE);
        }
      };

  @Test
  void pngIs300DpiWithTheResolutionRecordedAndTheRightPixels() throws Exception {
    byte[] png = Encoders.png(SQUARE, 300);
    BufferedImage img = Files3.png300(png, 6.5);
    assertThat(img.getHeight()).isEqualTo(600);
    // 72 points at 300 dpi = 300 pixels: the square is 300 x 300 pixels of its colour
    assertThat(img.getRGB(300 + 150, 150 + 150) & 0xFFFFFF).isEqualTo(0x0072B2);
    assertThat(img.getRGB(10, 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(Files3.count(img, 0x0072B2)).isBetween(300 * 300 - 1300, 300 * 300 + 1300);
    // the text is there (dark pixels right of the square)
    int dark = 0;
    for (int x = 830; x < 1200; x++) {
      for (int y = 250; y < 350; y++) {
        dark += (img.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
      }
    }
    assertThat(dark).isPositive();
    assertThat(Encoders.png(SQUARE, 300)).isEqualTo(png);
  }

  @Test
  void svgIsXmlWithTextKeptAsTextAndByteIdenticalAcrossRenders() throws Exception {
    byte[] svg = Encoders.svg(SQUARE);
    assertThat(Files3.svgTexts(svg)).containsExactly("5/10 · ∞");
    String s = new String(svg, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(s).contains("viewBox=\"0 0 468 144\"").contains("rgb(0,114,178)");
    assertThat(Encoders.svg(SQUARE)).isEqualTo(svg);
  }

  @Test
  void pdfIsOnePageOfTheDrawingsSizeShowingTheDrawing() throws Exception {
    BufferedImage page = Files3.pdfOnePage(Encoders.pdf(SQUARE), 6.5);
    // rendered at 36 dpi the square sits at (36, 18) to (72, 54)
    int c = page.getRGB(54, 36) & 0xFFFFFF;
    assertThat(Math.abs(((c >> 16) & 0xFF) - 0x00)).isLessThan(8);
    assertThat(Math.abs(((c >> 8) & 0xFF) - 0x72)).isLessThan(8);
    assertThat(Math.abs((c & 0xFF) - 0xB2)).isLessThan(8);
    assertThat(page.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }
}
