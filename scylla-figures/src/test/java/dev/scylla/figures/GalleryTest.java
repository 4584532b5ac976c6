package dev.scylla.figures;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.event.EventSink;
import dev.scylla.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Not a check: writes every figure for several datasets into {@code -Dscylla.gallery=DIR} so a
 * person can look at them. Skipped unless that property is set.
 */
class GalleryTest {
  @Test
  void writeGallery() throws Exception {
    String dir = System.getProperty("scylla.gallery");
    assumeTrue(dir != null && !dir.isBlank(), "set -Dscylla.gallery=DIR to write the gallery");
    Path out = Path.of(dir);
    write(out.resolve("synthetic"), AnalysisFixture.builder().build());
    write(
        out.resolve("two-models"),
        AnalysisFixture.builder()
            .models("Sonnet 4.5", "Haiku 4.5")
            .runs(10)
            .infraRate(0.1)
            .build());
    write(
        out.resolve("degenerate"),
        AnalysisFixture.builder()
            .tiers("T0", "T1", "T2")
            .passProbability("T1", 0.0)
            .allInfra("T2")
            .runs(1)
            .subtests(1)
            .build());
    write(
        out.resolve("big"),
        AnalysisFixture.builder().models("Sonnet 4.5", "Haiku 4.5").subtests(15).runs(10).build());
    if (SharedFixtures.sharedDir() != null
        && Files.isDirectory(SharedFixtures.sharedDir().resolve("fixtures/scylla-dryrun"))) {
      write(out.resolve("dryrun"), AnalysisFixture.dryrun(Files.createTempDirectory("dryrun")));
    }
  }

  private static void write(Path dir, Analysis a) throws Exception {
    long t0 = System.nanoTime();
    Figures.writeAll(a, dir, EnumSet.allOf(Format.class), EventSink.NONE);
    dev.scylla.analysis.tables.Tables.writeAll(a, dir.resolve("tables"), EventSink.NONE);
    System.out.printf("%s: %d ms%n", dir, (System.nanoTime() - t0) / 1_000_000);
  }
}
