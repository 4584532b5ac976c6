package dev.scylla.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Checks of the three output formats, shared by the figure tests. */
final class Files3 {
  private Files3() {}

  /** The pHYs chunk of a PNG: pixels per unit x, y and the unit (1 = metre); null if absent. */
  static int[] phys(byte[] png) {
    ByteBuffer b = ByteBuffer.wrap(png);
    b.position(8);
    while (b.remaining() >= 12) {
      int len = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      if (new String(type, StandardCharsets.US_ASCII).equals("pHYs")) {
        return new int[] {b.getInt(), b.getInt(), b.get()};
      }
      b.position(b.position() + len + 4);
    }
    return null;
  }

  /** Decodes a PNG and checks it is {@code inches} at 300 dpi, as the pHYs chunk says. */
  static BufferedImage png300(byte[] png, double widthInches) throws IOException {
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    int[] phys = phys(png);
    assertThat(phys).as("pHYs chunk").isNotNull();
    assertThat(phys).containsExactly(11811, 11811, 1); // 300 dpi = 11811 pixels per metre
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(img).as("decodable PNG").isNotNull();
    assertThat(img.getWidth()).isEqualTo((int) Math.round(widthInches * 300));
    // the height is a whole number of hundredths of an inch
    assertThat(img.getHeight() % 3).isZero();
    return img;
  }

  /** Parses an SVG as XML; returns the text of its {@code <text>} elements. */
  static List<String> svgTexts(byte[] svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("468pt");
    assertThat(doc.getDocumentElement().getAttribute("height")).endsWith("pt");
    NodeList texts = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      out.add(texts.item(i).getTextContent());
    }
    return out;
  }

  /** Loads a PDF, checks it has one page of the figure's width, and returns the page rendered. */
  static BufferedImage pdfOnePage(byte[] pdf, double widthInches) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertThat(box.getWidth())
          .isCloseTo((float) (widthInches * 72), org.assertj.core.data.Offset.offset(0.01f));
      assertThat(box.getHeight()).isGreaterThan(100f);
      return new PDFRenderer(doc).renderImageWithDPI(0, 36);
    }
  }

  /** Loads a PDF and checks it has exactly one page. */
  static void pdfPages(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
    }
  }

  /** Pixels of exactly this colour. */
  static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int p : pixels(img)) {
      if ((p & 0xFFFFFF) == rgb) {
        n++;
      }
    }
    return n;
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  /** Pixels that are not white. */
  static int ink(BufferedImage img) {
    int n = 0;
    for (int p : pixels(img)) {
      if ((p & 0xFFFFFF) != 0xFFFFFF) {
        n++;
      }
    }
    return n;
  }
}
