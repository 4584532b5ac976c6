package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewerServerTest {
  static final String SCRIPT = "<script>alert('x')</script>";
  static final String IMG = "<img src=x onerror=alert(1)>";

  @TempDir Path tmp;
  Path exp;
  Viewer viewer;
  URI base;

  @BeforeEach
  void start() throws Exception {
    exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .tier("T1", "01")
            .runs(3)
            .withPlan()
            .writeTo(tmp.resolve("exp"));
    // untrusted text in the places a viewer shows
    Path judgment = exp.resolve("T0/00/run_01/judge/judge_01/judgment.json");
    ObjectNode j = (ObjectNode) Json.parse(Files.readAllBytes(judgment));
    j.put("reasoning", "Looks fine " + SCRIPT + " & done");
    Files.writeString(judgment, Json.write(j));
    Files.writeString(exp.resolve("T0/00/run_01/agent/output.txt"), "agent says " + IMG + "\n");
    Files.writeString(tmp.resolve("secret.txt"), "top secret");
    Files.createSymbolicLink(exp.resolve("escape.txt"), tmp.resolve("secret.txt"));
    viewer = Viewer.start(new ViewOptions(List.of(exp), "127.0.0.1", 0));
    base = viewer.uri();
  }

  @AfterEach
  void stop() {
    viewer.close();
  }

  @Test
  void theFiguresPageShowsScyllaAnalyzesFiguresAsOurOwnSvgsAndWritesNothing() throws Exception {
    java.util.Map<String, String> before = dev.scylla.testing.TreeSnapshot.of(exp);
    RawHttp.Response page = RawHttp.get(base, "/e/0/figures");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<img alt=").contains("/e/0/figure/fig");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("/e/0/figure/([A-Za-z0-9_]+)\\.svg").matcher(page.body());
    assertThat(m.find()).isTrue();
    RawHttp.Response svg = RawHttp.get(base, "/e/0/figure/" + m.group(1) + ".svg");
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("content-type")).isEqualTo("image/svg+xml");
    assertThat(svg.body()).contains("<svg");
    assertThat(RawHttp.get(base, "/e/0/figure/no_such_figure.svg").status()).isEqualTo(404);
    assertThat(RawHttp.get(base, "/e/0/figure/..%2Fescape.svg").status()).isEqualTo(404);
    assertThat(RawHttp.get(base, "/e/0/").body()).contains("href=\"/e/0/figures\"");
    assertThat(dev.scylla.testing.TreeSnapshot.of(exp)).isEqualTo(before);
  }

  @Test
  void printsALoopbackAddressWithTheChosenPort() {
    assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(base.getPort()).isPositive();
    assertThat(viewer.loopback()).isTrue();
  }

  @Test
  void theRootLeadsToTheExperimentPageWhichListsEveryRunWithItsState() throws Exception {
    RawHttp.Response root = RawHttp.get(base, "/");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("location")).isEqualTo("/e/0/");
    RawHttp.Response page = RawHttp.get(base, "/e/0/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
    for (String run :
        List.of("T0/00/run_01", "T0/00/run_02", "T0/00/run_03", "T0/01/run_03", "T1/01/run_02")) {
      assertThat(page.body()).contains("data-run=\"" + run + "\" data-state=\"completed\"");
    }
    assertThat(page.body()).contains("data-cell=\"T0/00\"").contains("data-cell=\"T1/01\"");
    assertThat(page.body()).contains("<b data-count=\"completed\">9</b>");
  }

  @Test
  void filtersSortAndSearchNarrowTheRunList() throws Exception {
    String t1 = RawHttp.get(base, "/e/0/?tier=T1").body();
    assertThat(t1)
        .contains("data-run=\"T1/01/run_01\"")
        .doesNotContain("data-run=\"T0/00/run_01\"");
    String missing = RawHttp.get(base, "/e/0/?state=missing").body();
    assertThat(missing).doesNotContain("data-run=\"").contains("0 of 9 runs match");
    String search = RawHttp.get(base, "/e/0/?q=ALERT").body();
    assertThat(search).contains("1 of 9 runs match").contains("data-run=\"T0/00/run_01\"");
    String none = RawHttp.get(base, "/e/0/?min=2").body();
    assertThat(none).contains("0 of 9 runs match");
  }

  @Test
  void theRunPageShowsEveryJudgeAndEscapesWhatItReadFromDisk() throws Exception {
    RawHttp.Response run = RawHttp.get(base, "/e/0/run/T0/00/run_01");
    assertThat(run.status()).isEqualTo(200);
    String body = run.body();
    assertThat(body)
        .contains("judge_01")
        .contains("judge_02")
        .contains("judge_03")
        .contains("claude-opus-4-5-20251101")
        .contains("claude-haiku-4-5")
        .contains("consensus");
    assertThat(body).doesNotContain(SCRIPT).doesNotContain(IMG);
    assertThat(body)
        .contains("Looks fine &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; done")
        .contains("agent says &lt;img src=x onerror=alert(1)&gt;");
    // the only script is our own
    assertThat(body.split("<script", -1)).hasSize(2);
    assertThat(body).contains("<script src=\"/static/viewer.js\"></script>");
  }

  @Test
  void reasonsReadFromDiskAreEscapedOnTheExperimentPage() throws Exception {
    viewer.close();
    Path slot = exp.resolve("T1/01/run_02/judge/judge_02");
    Files.delete(slot.resolve("judgment.json"));
    Files.writeString(slot.resolve("error.log"), "judge crashed " + SCRIPT + "\n");
    viewer = Viewer.start(new ViewOptions(List.of(exp), "127.0.0.1", 0));
    String page = RawHttp.get(viewer.uri(), "/e/0/").body();
    assertThat(page).contains("judge crashed &lt;script&gt;").doesNotContain(SCRIPT);
    assertThat(page).contains("<span class=\"slot j-failed\"");
    String run = RawHttp.get(viewer.uri(), "/e/0/run/T1/01/run_02").body();
    assertThat(run).contains("judge crashed &lt;script&gt;").doesNotContain(SCRIPT);
  }

  @Test
  void anUnknownRunOrExperimentIs404() throws Exception {
    for (String t :
        List.of(
            "/e/0/run/T0/00/run_09",
            "/e/0/run/T9/00/run_01",
            "/e/0/run/T0/00",
            "/e/1/",
            "/e/x/",
            "/nothing",
            "/static/../pom.xml")) {
      RawHttp.Response r = RawHttp.get(base, t);
      assertThat(r.status()).as(t).isEqualTo(404);
      assertThat(r.header("content-type")).as(t).isEqualTo("text/plain; charset=utf-8");
    }
  }

  @Test
  void filesInsideTheExperimentAreServedAsText() throws Exception {
    RawHttp.Response r = RawHttp.get(base, "/e/0/file/T0/00/run_01/agent/output.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(r.body()).startsWith("agent says <img");
  }

  @Test
  void traversalInAnyEncodingAndSymlinkEscapesAre404() throws Exception {
    for (String t :
        List.of(
            "/e/0/file/../../secret.txt",
            "/e/0/file/T0/../../secret.txt",
            "/e/0/file/%2e%2e/secret.txt",
            "/e/0/file/%2E%2E/%2E%2E/secret.txt",
            "/e/0/file/%252e%252e/secret.txt",
            "/e/0/file/..%2fsecret.txt",
            "/e/0/file/..%5csecret.txt",
            "/e/0/file/%c0%ae%c0%ae/secret.txt",
            "/e/0/file/T0/00/run_01/agent/..%00/output.txt",
            "/e/0/file//etc/passwd",
            "/e/0/file/escape.txt",
            "/e/0/file/T0",
            "/e/0/run/T0/00/..%2f..%2frun_01",
            "/e/0/run/..%2fT0/00/run_01")) {
      RawHttp.Response r = RawHttp.get(base, t);
      assertThat(r.status()).as(t).isEqualTo(404);
      assertThat(r.body()).as(t).doesNotContain("top secret");
      assertThat(r.header("content-type")).as(t).isNotNull();
    }
  }

  @Test
  void everyResponseHasAContentType() throws Exception {
    Map<String, String> expected =
        Map.of(
            "/static/viewer.css", "text/css; charset=utf-8",
            "/static/viewer.js", "text/javascript; charset=utf-8",
            "/compare", "text/html; charset=utf-8",
            "/e/0/?fragment=1", "text/html; charset=utf-8",
            "/e/0/run/T0/00/run_01?fragment=1", "text/html; charset=utf-8");
    for (var e : expected.entrySet()) {
      RawHttp.Response r = RawHttp.get(base, e.getKey());
      assertThat(r.status()).as(e.getKey()).isEqualTo(200);
      assertThat(r.header("content-type")).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(r.header("content-security-policy")).contains("script-src 'self'");
    }
    RawHttp.Response post = RawHttp.request(base, "POST", "/e/0/", "127.0.0.1:" + base.getPort());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("content-type")).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void aForeignHostHeaderIsRefused() throws Exception {
    RawHttp.Response r = RawHttp.request(base, "GET", "/e/0/", "evil.example:" + base.getPort());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(RawHttp.request(base, "GET", "/e/0/", "localhost:" + base.getPort()).status())
        .isEqualTo(200);
  }

  @Test
  void comparingTwoTiersShowsPassRatesWithIntervals() throws Exception {
    String body = RawHttp.get(base, "/compare?a=0:T0&b=0:T1").body();
    assertThat(body).contains("pass rate [95% Wilson]").contains("· T0").contains("· T1");
    assertThat(body).containsPattern("\\d+% \\[\\d+%, \\d+%\\]");
  }

  @Test
  void twoExperimentsAreListedAndComparedSideBySide() throws Exception {
    viewer.close();
    Path other =
        SyntheticExperiment.builder()
            .id("second")
            .tier("T0", "00")
            .runs(4)
            .seed(7)
            .writeTo(tmp.resolve("other"));
    viewer = Viewer.start(new ViewOptions(List.of(exp, other), "127.0.0.1", 0));
    RawHttp.Response index = RawHttp.get(viewer.uri(), "/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body())
        .contains("href=\"/e/0/\"")
        .contains("href=\"/e/1/\"")
        .contains("second");
    String compare = RawHttp.get(viewer.uri(), "/compare").body();
    assertThat(compare).contains("<option value=\"1\" selected>second (other)</option>");
    assertThat(compare).contains("9 (9)").contains("4 (4)");
    assertThat(RawHttp.get(viewer.uri(), "/e/1/").body()).contains("data-run=\"T0/00/run_04\"");
  }

  @Test
  void viewingChangesNothingInTheExperiment() throws Exception {
    viewer.close();
    Map<String, String> before = TreeSnapshot.of(exp);
    try (Viewer v = Viewer.start(new ViewOptions(List.of(exp), "127.0.0.1", 0))) {
      URI b = v.uri();
      for (String t :
          List.of(
              "/e/0/",
              "/e/0/?q=x&sort=-score",
              "/e/0/run/T0/00/run_01",
              "/e/0/run/T1/01/run_03",
              "/compare",
              "/e/0/file/T0/00/run_01/run_result.json")) {
        assertThat(RawHttp.get(b, t).status()).as(t).isEqualTo(200);
      }
    }
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    assertThat(exp.resolve(".scylla")).doesNotExist();
  }

  @Test
  void aMissingExperimentIsBadInputNamingIt() {
    Path nowhere = tmp.resolve("nowhere");
    assertThatThrownBy(() -> Viewer.start(new ViewOptions(List.of(nowhere), "127.0.0.1", 0)))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining(nowhere.toString())
        .hasMessageContaining("no such directory")
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
