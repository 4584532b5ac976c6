package dev.scylla.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against fake tools on a controlled PATH (shell scripts that use only builtins), so
 * the tests do not depend on what is installed; one test runs the real Python when present.
 */
class BuildPipelineTest {
  @TempDir Path tmp;
  Path bin;
  Path ws;
  Path commands;
  Path calls;
  final Map<String, String> env = new HashMap<>();
  final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));

  static final String SLEEP =
      Files.isExecutable(Path.of("/usr/bin/sleep")) ? "/usr/bin/sleep" : "/bin/sleep";

  @BeforeEach
  void setUp() throws IOException {
    bin = Files.createDirectory(tmp.resolve("bin"));
    ws = Files.createDirectory(tmp.resolve("workspace"));
    commands = tmp.resolve("run/commands");
    calls = tmp.resolve("calls");
    env.put("PATH", bin.toString());
    env.put("CALLS", calls.toString());
    Files.writeString(ws.resolve("hello.py"), "print('Hello, World!')\n");
  }

  void tool(String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(
        p,
        "#!/bin/sh\necho \""
            + name
            + " $* PYC=${PYTHONPYCACHEPREFIX-} RUFF=${RUFF_CACHE_DIR-}\" >> \"$CALLS\"\n"
            + body
            + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  void python() throws IOException {
    tool(
        "python",
        """
        if [ "$1" = "-m" ]; then
          if [ -f broken.py ]; then echo "*** Error compiling './broken.py'"; echo "SyntaxError" >&2; exit 1; fi
          exit 0
        fi
        case "$1" in
          hello.py) echo "Hello, World!" ;;
          slow.py) exec %s 30 ;;
          noisy.py) i=0; while [ $i -lt 100 ]; do printf 'xxxxxxxxxx'; i=$((i+1)); done; echo; echo warn >&2; exit 3 ;;
        esac
        """
            .formatted(SLEEP));
  }

  void allTools() throws IOException {
    python();
    tool("ruff", "echo 'All checks passed!'; exit ${FAKE_RUFF_EXIT:-0}");
    tool("pytest", "echo 'collected 1 item'; echo '1 passed'; exit ${FAKE_PYTEST_EXIT:-0}");
    tool(
        "pre-commit",
        "echo \"${FAKE_PRECOMMIT_OUT:-hooks passed}\"; exit ${FAKE_PRECOMMIT_EXIT:-0}");
  }

  PipelineResult run(String language) throws IOException {
    return new BuildPipeline(launcher, options()).run(ws, language, commands, Cancellation.never());
  }

  PipelineOptions options() {
    return PipelineOptions.defaults().withEnv(env).withCacheDir(tmp.resolve("cache"));
  }

  String calls() throws IOException {
    return Files.exists(calls) ? Files.readString(calls) : "";
  }

  @Test
  void allToolsPassingWritesScriptsLogsAndTheResult() throws Exception {
    allTools();
    Files.writeString(ws.resolve(".pre-commit-config.yaml"), "repos: []\n");
    PipelineResult r = run("python");
    assertThat(r.steps()).allMatch(BuildStepResult::passed);
    assertThat(r.allPassed()).isTrue();
    assertThat(r.failureSummary()).isEqualTo("none");
    assertThat(r.build().output())
        .isEqualTo(
            "Python syntax check passed\n\n## Script Execution Results\n\n\n"
                + "### Running: python hello.py\nExit code: 0\nOutput:\nHello, World!\n");
    assertThat(r.format().output()).isEqualTo("All checks passed!\n\n");
    // caches kept out of the workspace, pytest's cache disabled
    assertThat(calls())
        .contains("pytest -v -p no:cacheprovider PYC=" + tmp.resolve("cache/pycache"));
    assertThat(calls()).contains("ruff check . PYC= RUFF=" + tmp.resolve("cache/ruff"));
    for (String s :
        List.of(
            "python_check.sh",
            "python_format.sh",
            "python_test.sh",
            "precommit.sh",
            "run_all.sh")) {
      assertThat(Files.getPosixFilePermissions(commands.resolve(s)))
          .contains(PosixFilePermission.OWNER_EXECUTE);
    }
    assertThat(Files.readString(commands.resolve("python_check.sh")))
        .contains("cd \"$WORKSPACE\"")
        .contains("export PYTHONPYCACHEPREFIX=")
        .contains("python -m compileall -q .")
        .contains("timeout 30 python 'hello.py'");
    assertThat(Files.readString(commands.resolve("python_build_output.log")))
        .isEqualTo(r.build().output());
    assertThat(Files.readString(commands.resolve("precommit_output.log")))
        .isEqualTo("hooks passed\n\n");
    PipelineResult back = PipelineJson.read(commands.resolve(BuildPipeline.RESULT_FILE)).orNull();
    assertThat(back).isEqualTo(r);
    // the replay scripts really replay: run_all.sh runs every step
    var replay =
        dev.scylla.process.Captured.run(
            launcher,
            List.of("bash", commands.resolve("run_all.sh").toString()),
            null,
            Map.of("PATH", bin + ":/usr/bin:/bin", "CALLS", calls.toString()),
            Duration.ofSeconds(30));
    assertThat(replay.stdout())
        .contains("=== Running python_check.sh ===")
        .contains("Hello, World!")
        .contains("=== All checks completed ===");
  }

  @Test
  void missingToolsAreNaNotPasses() throws Exception {
    python();
    Files.writeString(ws.resolve(".pre-commit-config.yaml"), "repos: []\n");
    PipelineResult r = run("python");
    assertThat(r.build().passed()).isTrue();
    assertThat(r.format().status()).isEqualTo(StepStatus.NA);
    assertThat(r.format().reason()).isEqualTo("ruff not installed (not found on PATH)");
    assertThat(r.test().status()).isEqualTo(StepStatus.NA);
    assertThat(r.precommit().status()).isEqualTo(StepStatus.NA);
    assertThat(r.format().passed()).isFalse();
    assertThat(r.allPassed()).isTrue();
    assertThat(r.statusSummary())
        .isEqualTo(
            "[python-build(\u2705), python-format(\ud83c\udff3\ufe0f), python-test(\ud83c\udff3\ufe0f), pre-commit(\ud83c\udff3\ufe0f)]");
    ObjectNode json = PipelineJson.toJson(r);
    assertThat(json.get("format_passed").booleanValue()).isFalse();
    assertThat(json.get("format_na").booleanValue()).isTrue();
    assertThat(json.get("steps").get("format").get("status").textValue()).isEqualTo("na");
    assertThat(Files.readString(commands.resolve("python_format.sh")))
        .contains("ruff was not installed");
  }

  @Test
  void noPythonAtAllMakesTheBuildNa() throws Exception {
    PipelineResult r = run("python");
    assertThat(r.build().status()).isEqualTo(StepStatus.NA);
    assertThat(r.build().reason()).contains("neither python nor python3");
    assertThat(r.steps()).allMatch(BuildStepResult::na);
  }

  @Test
  void noTestsCollectedIsNaAndFailingTestsFail() throws Exception {
    allTools();
    env.put("FAKE_PYTEST_EXIT", "5");
    PipelineResult r = run("python");
    assertThat(r.test().status()).isEqualTo(StepStatus.NA);
    assertThat(r.test().reason()).isEqualTo("no tests collected (exit 5)");
    assertThat(r.test().exitCode()).isEqualTo(5);
    env.put("FAKE_PYTEST_EXIT", "1");
    env.put("FAKE_RUFF_EXIT", "1");
    PipelineResult f = run("python");
    assertThat(f.test().failed()).isTrue();
    assertThat(f.allPassed()).isFalse();
    assertThat(f.failureSummary()).isEqualTo("python-format, python-test");
  }

  @Test
  void aCompileFailureFailsTheBuildWithoutRunningScripts() throws Exception {
    allTools();
    Files.writeString(ws.resolve("broken.py"), "def (:\n");
    PipelineResult r = run("python");
    assertThat(r.build().failed()).isTrue();
    assertThat(r.build().output()).isEqualTo("*** Error compiling './broken.py'\n\nSyntaxError\n");
    assertThat(r.build().reason()).isEqualTo("exit code 1");
    assertThat(calls()).doesNotContain("python hello.py");
  }

  @Test
  void rootScriptsAreCappedAndTimedOutWithoutFailingTheBuild() throws Exception {
    allTools();
    Files.writeString(ws.resolve("slow.py"), "");
    Files.writeString(ws.resolve("noisy.py"), "");
    PipelineOptions o = options();
    o =
        new PipelineOptions(
            o.env(),
            o.cacheDir(),
            o.buildTimeout(),
            Duration.ofSeconds(1),
            o.formatTimeout(),
            o.testTimeout(),
            o.precommitTimeout(),
            o.modularBuildTimeout(),
            50);
    PipelineResult r = new BuildPipeline(launcher, o).run(ws, "python", null, Cancellation.never());
    assertThat(r.build().passed()).isTrue();
    String out = r.build().output();
    assertThat(out.indexOf("python hello.py")).isLessThan(out.indexOf("python noisy.py"));
    assertThat(out.indexOf("python noisy.py")).isLessThan(out.indexOf("python slow.py"));
    assertThat(out).contains("### Running: python slow.py\nExecution timed out (1s)\n");
    assertThat(out)
        .contains(
            "Exit code: 3\nOutput:\n"
                + "x".repeat(50)
                + "\n... (truncated, 951 more characters)\nStderr:\nwarn\n");
    assertThat(Files.exists(tmp.resolve("run"))).isFalse();
  }

  @Test
  void precommitWithoutConfigIsNaAndDoesNotRun() throws Exception {
    allTools();
    PipelineResult r = run("python");
    assertThat(r.precommit().status()).isEqualTo(StepStatus.NA);
    assertThat(r.precommit().reason()).isEqualTo("no .pre-commit-config.yaml in the workspace");
    assertThat(calls()).doesNotContain("pre-commit");
    Files.writeString(ws.resolve(".pre-commit-config.yaml"), "x");
    env.put("FAKE_PRECOMMIT_OUT", "InvalidConfigError: .pre-commit-config.yaml is not a file");
    env.put("FAKE_PRECOMMIT_EXIT", "1");
    assertThat(run("python").precommit().status()).isEqualTo(StepStatus.NA);
    env.put("FAKE_PRECOMMIT_OUT", "trailing whitespace....Failed");
    assertThat(run("python").precommit().failed()).isTrue();
  }

  @Test
  void aMissingWorkspaceIsBadInputAndCancellationInterrupts() throws Exception {
    allTools();
    BuildPipeline p = new BuildPipeline(launcher, options());
    assertThatThrownBy(() -> p.run(tmp.resolve("gone"), "python", commands, Cancellation.never()))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("gone: workspace does not exist")
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
    Cancellation c = new Cancellation();
    c.cancel();
    assertThatThrownBy(() -> p.run(ws, "python", null, c))
        .isInstanceOf(ScyllaException.class)
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind())
                    .isEqualTo(ScyllaException.Kind.INTERRUPTED));
  }

  @Test
  void cancellingDuringAStepKillsItAndInterrupts() throws Exception {
    allTools();
    Files.writeString(ws.resolve("slow.py"), "");
    Cancellation c = new Cancellation();
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
              } catch (InterruptedException e) {
                return;
              }
              c.cancel();
            });
    t.start();
    assertThatThrownBy(() -> new BuildPipeline(launcher, options()).run(ws, "python", null, c))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("cancelled");
    t.join();
  }

  @Test
  void anUnsupportedLanguageHasEveryStepNa() throws Exception {
    PipelineResult r = run("rust");
    assertThat(r.steps()).allMatch(BuildStepResult::na);
    assertThat(r.build().reason()).isEqualTo("no build pipeline for language 'rust'");
    assertThat(r.allPassed()).isTrue();
  }

  @Test
  void mojoModularRepositoryWithARealFormatCheck() throws Exception {
    Files.createDirectories(ws.resolve("mojo/src"));
    Path src = ws.resolve("mojo/src/main.mojo");
    Files.writeString(src, "fn main():\n  print(1)\n");
    Path bazelw = ws.resolve("bazelw");
    Files.writeString(
        bazelw,
        "#!/bin/sh\nif [ \"$1\" = run ]; then printf 'fn main():\\n    print(1)\\n' > mojo/src/main.mojo; echo formatted; fi\nexit 0\n");
    Files.setPosixFilePermissions(bazelw, PosixFilePermissions.fromString("rwxr-xr-x"));
    tool("pixi", "echo 'No tests found'; exit 0");
    PipelineResult r = run("mojo");
    assertThat(r.language()).isEqualTo("mojo");
    assertThat(r.build().passed()).isTrue();
    assertThat(r.format().failed()).isTrue();
    assertThat(r.format().reason()).isEqualTo("the formatter would change 1 file(s)");
    assertThat(r.format().output()).contains("they were restored: mojo/src/main.mojo");
    assertThat(Files.readString(src)).isEqualTo("fn main():\n  print(1)\n");
    assertThat(r.test().status()).isEqualTo(StepStatus.NA);
    assertThat(r.precommit().status()).isEqualTo(StepStatus.NA);
    try (Stream<Path> s = Files.list(commands)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .contains(
              "mojo_build.sh",
              "mojo_format.sh",
              "mojo_test.sh",
              "precommit.sh",
              "run_all.sh",
              "mojo_format_output.log");
    }
  }

  @Test
  void mojoWithoutItsToolsIsNa() throws Exception {
    PipelineResult r = run("mojo");
    assertThat(r.build().status()).isEqualTo(StepStatus.NA);
    assertThat(r.build().reason()).isEqualTo("pixi not installed (not found on PATH)");
    assertThat(r.format().status()).isEqualTo(StepStatus.NA);
    assertThat(r.test().status()).isEqualTo(StepStatus.NA);
  }

  @Test
  void referenceResultsAreReadWithTheReferenceMeaning() throws Exception {
    ObjectNode o =
        (ObjectNode)
            Json.parse(
                "{\"language\": \"python\", \"build_passed\": true, \"build_output\": \"ok\","
                    + " \"build_na\": false, \"format_passed\": true, \"format_output\": \"ruff not"
                    + " available\", \"format_na\": true, \"test_passed\": false, \"test_output\":"
                    + " \"1 failed\", \"test_na\": false, \"all_passed\": false}");
    PipelineResult r = PipelineJson.fromJson(o);
    assertThat(r.build().status()).isEqualTo(StepStatus.PASSED);
    assertThat(r.format().status()).isEqualTo(StepStatus.NA);
    assertThat(r.test().status()).isEqualTo(StepStatus.FAILED);
    // the reference's default for a missing pre-commit step is passed
    assertThat(r.precommit().status()).isEqualTo(StepStatus.PASSED);
    Path bad = tmp.resolve("bad.json");
    Files.writeString(
        bad, "{\"language\": \"python\", \"steps\": {\"build\": {\"status\": \"maybe\"}}}");
    assertThat(PipelineJson.read(bad).describe()).contains("steps.build.status");
    Files.writeString(bad, "{\"build_passed\": \"yes\"}");
    assertThat(PipelineJson.read(bad).describe()).contains("build_passed");
  }

  @Test
  void theRealPythonLeavesNoByteCodeInTheWorkspace() throws Exception {
    assumeTrue(
        new BuildPipeline(launcher).installed("python3")
            || new BuildPipeline(launcher).installed("python"),
        "skipped: no Python on PATH");
    // only the interpreter itself on PATH: the other tools are N/A, which keeps this test quick
    var exe =
        dev.scylla.process.Captured.run(
            launcher,
            List.of(
                new BuildPipeline(launcher).installed("python3") ? "python3" : "python",
                "-c",
                "import sys; print(sys.executable)"),
            null,
            Map.of(),
            Duration.ofSeconds(30));
    tool("python", "exec '" + exe.stdout().strip() + "' \"$@\"");
    Files.createDirectories(ws.resolve("pkg"));
    Files.writeString(ws.resolve("pkg/mod.py"), "X = 1\n");
    PipelineResult r =
        new BuildPipeline(
                launcher,
                PipelineOptions.defaults()
                    .withEnv(Map.of("PATH", bin.toString()))
                    .withCacheDir(tmp.resolve("cache")))
            .run(ws, "python", commands, Cancellation.never());
    assertThat(r.format().na()).isTrue();
    assertThat(r.build().passed()).as(r.build().output()).isTrue();
    assertThat(r.build().output()).contains("Output:\nHello, World!\n");
    try (Stream<Path> s = Files.walk(ws)) {
      assertThat(s.map(Path::toString))
          .noneMatch(
              p ->
                  p.contains("__pycache__")
                      || p.endsWith(".pyc")
                      || p.contains(".pytest_cache")
                      || p.contains(".ruff_cache"));
    }
    assertThat(
            new String(
                Files.readAllBytes(commands.resolve("pipeline_result.json")),
                StandardCharsets.UTF_8))
        .contains("\"language\": \"python\"");
  }
}
