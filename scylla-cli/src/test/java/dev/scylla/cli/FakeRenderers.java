package dev.scylla.cli;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.AnalysisRenderer;
import dev.scylla.analysis.ExperimentInfo;
import dev.scylla.event.EventSink;
import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Renderers registered for the CLI tests (src/test/resources/META-INF/services). */
public final class FakeRenderers {
  private FakeRenderers() {}

  /** Writes {@code tables/fake-tables.md} with the run count. */
  public static final class Tables implements AnalysisRenderer {
    @Override
    public String directory() {
      return "tables";
    }

    @Override
    public List<Path> render(Analysis a, Path dir, EventSink events) throws IOException {
      Path f = dir.resolve("fake-tables.md");
      AtomicFiles.writeString(f, "runs: " + a.data().runs().size() + "\n");
      return List.of(f);
    }
  }

  /** Writes {@code figures/fake-figure.txt}. */
  public static final class Figures implements AnalysisRenderer {
    @Override
    public String directory() {
      return "figures";
    }

    @Override
    public List<Path> render(Analysis a, Path dir, EventSink events) throws IOException {
      Path f = dir.resolve("fake-figure.txt");
      AtomicFiles.writeString(f, "figure\n");
      return List.of(f);
    }
  }

  /** Fails when an experiment is named {@code render-fails}; writes nothing otherwise. */
  public static final class Broken implements AnalysisRenderer {
    @Override
    public String directory() {
      return "broken";
    }

    @Override
    public List<Path> render(Analysis a, Path dir, EventSink events) {
      for (ExperimentInfo e : a.data().experiments()) {
        if (e.name().equals("render-fails")) {
          throw new IllegalStateException("cannot draw this");
        }
      }
      return List.of();
    }
  }
}
