package dev.scylla.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RunKey;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Builders shared by the judge tests: a small rubric, verdict texts, experiments, fake claude. */
final class JudgeTesting {
  private JudgeTesting() {}

  /** Two categories: functional (F1 1 pt, F2 2 pt; weight 0.7), quality (Q1, Q2 N/A-able; 0.3). */
  static final String RUBRIC =
      """
      # synthetic rubric
      categories:
        functional:
          weight: 0.7
          scoring_type: checklist
          items:
            - id: F1
              check: "hello.py exists"
              points: 1.0
            - id: F2
              check: "prints Hello, World!"
              points: 2.0
        quality:
          weight: 0.3
          scoring_type: subjective
          items:
            - id: Q1
              check: "idiomatic"
              points: 1.0
            - id: Q2
              check: "tests pass"
              points: 1.0
              na_condition: "the task needs no tests"
      grading:
        pass_threshold: 0.60
      """;

  /**
   * A verdict in the rubric's shape: F1, F2, Q1 achieved as given, Q2 "N/A" (null q2) or a number.
   */
  static String verdict(double score, Object passed, double f1, double f2, double q1, Double q2) {
    ObjectNode o = Json.object();
    o.put("score", score);
    if (passed instanceof Boolean b) {
      o.put("passed", b);
    } else {
      o.put("passed", String.valueOf(passed));
    }
    o.put("grade", "B");
    o.put("reasoning", "The agent wrote hello.py.");
    ObjectNode cats = o.putObject("categories");
    ObjectNode fn = cats.putObject("functional");
    fn.put("achieved", f1 + f2);
    fn.put("max", 3.0);
    fn.put("score", (f1 + f2) / 3.0);
    ObjectNode fi = fn.putObject("items");
    item(fi, "F1", f1, 1.0);
    item(fi, "F2", f2, 2.0);
    ObjectNode q = cats.putObject("quality");
    ObjectNode qi = q.putObject("items");
    item(qi, "Q1", q1, 1.0);
    if (q2 == null) {
      ObjectNode na = qi.putObject("Q2");
      na.put("achieved", "N/A");
      na.put("max", "N/A");
      na.put("reason", "no tests needed");
      q.put("achieved", q1);
      q.put("max", 1.0);
    } else {
      item(qi, "Q2", q2, 1.0);
      q.put("achieved", q1 + q2);
      q.put("max", 2.0);
    }
    return "Here is my evaluation.\n\n```json\n" + Json.write(o) + "```\n";
  }

  private static void item(ObjectNode items, String id, double achieved, double max) {
    ObjectNode i = items.putObject(id);
    i.put("achieved", achieved);
    i.put("max", max);
    i.put("reason", "evidence for " + id);
  }

  /** The claude CLI's stream-json output for a response text. */
  static String streamJson(String text) {
    ObjectNode init = Json.object();
    init.put("type", "system");
    init.put("subtype", "init");
    ObjectNode asst = Json.object();
    asst.put("type", "assistant");
    ObjectNode block = asst.putObject("message").putArray("content").addObject();
    block.put("type", "text");
    block.put("text", text);
    ObjectNode result = Json.object();
    result.put("type", "result");
    result.put("subtype", "success");
    result.put("is_error", false);
    result.put("result", text);
    return Json.writeCompact(init)
        + "\n"
        + Json.writeCompact(asst)
        + "\n"
        + Json.writeCompact(result)
        + "\n";
  }

  static final RunKey KEY = new RunKey("T0", "00", 1);

  /**
   * A one-run experiment (T0/00/run_01, three judges) whose run finished its agent but has not been
   * judged: no judge/, no judge_prompt.md, no run_result.json. With {@code workspace}, the run has
   * a workspace holding hello.py.
   */
  static Path experiment(Path dir, boolean workspace) {
    try {
      SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(dir);
      Path run = dir.resolve("T0/00/run_01");
      deleteTree(run.resolve("judge"));
      Files.deleteIfExists(run.resolve("judge_prompt.md"));
      Files.deleteIfExists(run.resolve("run_result.json"));
      Files.writeString(dir.resolve("rubric.yaml"), RUBRIC);
      if (workspace) {
        Files.createDirectories(run.resolve("workspace"));
        Files.writeString(run.resolve("workspace/hello.py"), "print(\"Hello, World!\")\n");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  /** The fake claude executable, installed in {@code dir}, and the environment that drives it. */
  static final class FakeClaude {
    final Path exe;
    final Path log;
    final Path state;
    final Map<String, String> env = new HashMap<>(System.getenv());

    FakeClaude(Path dir) {
      try {
        Files.createDirectories(dir);
        exe = dir.resolve("claude");
        try (InputStream in = JudgeTesting.class.getResourceAsStream("fake-claude.sh")) {
          Files.write(exe, in.readAllBytes());
        }
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        log = dir.resolve("log");
        state = dir.resolve("state");
        env.put(DefaultJudgeClients.CLAUDE_ENV, exe.toString());
        env.put("FAKE_CLAUDE_LOG", log.toString());
        env.put("FAKE_CLAUDE_STATE", state.toString());
        env.put("CLAUDECODE", "1");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    FakeClaude modes(String modes) {
      env.put("FAKE_CLAUDE_MODES", modes);
      return this;
    }

    /** Replays {@code stdout} for every ok call. */
    FakeClaude replay(String stdout) {
      env.put("FAKE_CLAUDE_STDOUT", write("stdout.txt", stdout).toString());
      return this;
    }

    /** Replays {@code stdout} for call {@code n}. */
    FakeClaude replay(int n, String stdout) {
      env.put("FAKE_CLAUDE_STDOUT_" + n, write("stdout_" + n + ".txt", stdout).toString());
      return this;
    }

    /** Starts counting calls again. */
    FakeClaude reset() {
      try {
        Files.deleteIfExists(state);
        deleteTree(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    int calls() {
      try {
        return Files.exists(state) ? Integer.parseInt(Files.readString(state).strip()) : 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String logged(int call, String what) {
      try {
        return Files.readString(log.resolve("call_" + call + "." + what), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Path write(String name, String text) {
      try {
        Path p = exe.getParent().resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
