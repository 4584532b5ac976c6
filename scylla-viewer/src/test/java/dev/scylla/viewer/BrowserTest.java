package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.run.RunControl;
import dev.scylla.service.DemoRequest;
import dev.scylla.service.Scylla;
import dev.scylla.service.StatusRequest;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusReport;
import dev.scylla.testing.EndToEnd;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real headless Chromium (Debian's {@code chromium}) on the offline demo's
 * experiment: the page lists every run with the state {@code scylla status} gives it, a run page
 * shows its judges, and a change on disk appears in an open page without a reload. Skips when
 * Chromium is absent, fails then under {@code SCYLLA_REQUIRE_CHROMIUM=1} (CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EndToEnd
class BrowserTest {
  @TempDir static Path tmp;
  Path exp;
  StatusReport status;
  Viewer viewer;
  String base;
  Map<String, String> before;

  @BeforeAll
  void demoAndServe() {
    Chromium.executable();
    Scylla scylla = new Scylla(EventSink.NONE);
    exp =
        scylla
            .demo(new DemoRequest(tmp.resolve("results"), 4, 7), new RunControl())
            .experimentDir();
    status = scylla.status(new StatusRequest(exp, Selection.ALL));
    before = TreeSnapshot.of(exp);
    viewer = Viewer.start(new ViewOptions(List.of(exp), "127.0.0.1", 0));
    base = viewer.uri().toString();
  }

  @AfterAll
  void stop() {
    if (viewer != null) {
      viewer.close();
    }
  }

  @Test
  void theExperimentPageListsEveryRunOfTheDemoWithItsState() throws Exception {
    String dom = Chromium.dumpDom(tmp, base);
    assertThat(status.items()).hasSize(status.counts().totalRuns()).isNotEmpty();
    for (RunView v : status.items()) {
      assertThat(dom)
          .as(v.key().label())
          .contains(
              "data-run=\"" + v.key().label() + "\" data-state=\"" + v.status().jsonName() + "\"");
    }
    assertThat(dom).contains("Tier × subtest").contains("id=\"matrix\"");
  }

  @Test
  void aRunPageShowsEachOfItsJudges() throws Exception {
    RunView run = status.items().get(0);
    String dom =
        Chromium.dumpDom(
            tmp,
            base
                + "e/0/run/"
                + run.key().tier()
                + "/"
                + run.key().subtest()
                + "/"
                + dev.scylla.model.Tiers.runDirName(run.key().run()));
    assertThat(dom).contains("<h1>" + run.key().label());
    assertThat(run.slots()).hasSize(3);
    for (SlotView s : run.slots()) {
      assertThat(dom)
          .contains(String.format("judge_%02d", s.slot()))
          .contains(s.model())
          .contains("<span class=\"slot j-" + s.status().jsonName() + "\">");
    }
    assertThat(dom).contains("consensus").contains("id=\"judges\"");
    // the demo records the build pipeline and the attempt journal of every run
    assertThat(dom).contains("id=\"pipeline\"").contains("id=\"journal\"").contains("finished");
  }

  @Test
  void aFileChangedOnDiskAppearsInTheOpenPageWithoutAReload() throws Exception {
    String row = "document.querySelector('tr[data-run=\"T0/00/run_01\"]').dataset.state";
    try (Chromium browser = Chromium.open(tmp, base + "e/0/")) {
      browser.await("document.getElementById('live').className", "live on", 60);
      browser.await(row, "completed", 30);
      browser.evaluate("window.__sameDocument = 'yes'");
      Path result = exp.resolve("T0/00/run_01/run_result.json");
      Path aside = tmp.resolve("run_result.json.aside");
      Files.move(result, aside);
      browser.await(row, "results", 30);
      Files.move(aside, result);
      browser.await(row, "completed", 30);
      // the run moves from missing to completed, as when `scylla run` makes it
      Path run = exp.resolve("T1/02/run_02");
      Path runAside = tmp.resolve("run_02.aside");
      String other = "document.querySelector('tr[data-run=\"T1/02/run_02\"]').dataset.state";
      Files.move(run, runAside);
      browser.await(other, "missing", 30);
      Files.move(runAside, run);
      browser.await(other, "completed", 30);
      assertThat(browser.evaluate("window.__sameDocument")).isEqualTo("yes");
    }
    // a browser watching and reading changed nothing (the test put every file back)
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
  }
}
