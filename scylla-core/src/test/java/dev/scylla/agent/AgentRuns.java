package dev.scylla.agent;

import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.status.Classifier;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.store.ExperimentStore;
import dev.scylla.testing.InputFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Helpers for adapter tests: a minimal experiment to classify runs in, and process checks. */
final class AgentRuns {
  static final RunKey KEY = new RunKey("T0", "00", 1);

  private AgentRuns() {}

  /** An experiment directory (flat layout) whose run T0/00/run_01 the tests fill. */
  static Path experiment(Path dir) {
    InputFixtures.write(
        dir.resolve("config/experiment.json"),
        "{\"experiment_id\": \"t\", \"runs_per_subtest\": 1, \"tiers_to_run\": [\"T0\"],"
            + " \"judge_models\": [\"j\"]}\n");
    return dir;
  }

  static Path runDir(Path exp) {
    return exp.resolve("T0/00/run_01");
  }

  /** How {@code dev.scylla.status.Classifier} classifies run T0/00/run_01 of {@code exp}. */
  static RunStatus status(Path exp) {
    return view(exp).status();
  }

  /** How {@code dev.scylla.status.Classifier} sees run T0/00/run_01 of {@code exp}. */
  static RunView view(Path exp) {
    ExperimentStore s = ExperimentStore.open(exp);
    RunMatrix m = new RunMatrix(Map.of("T0", List.of("00")), 1, List.of("j"), "test");
    return Classifier.classify(s.readRun(KEY, m));
  }

  /** Live processes whose environment holds {@code NAME=value} (Linux /proc); null if unknown. */
  static List<Long> processesWithEnv(String entry) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(proc)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
          String status = Files.readString(p.resolve("status"));
          boolean zombie = status.contains("State:\tZ");
          if (!zombie && List.of(env.split("\0")).contains(entry)) {
            out.add(Long.parseLong(name));
          }
        } catch (IOException | RuntimeException e) {
          // gone, or not ours
        }
      }
    } catch (IOException e) {
      return null;
    }
    return out;
  }

  /** Waits until no process carries {@code entry} (killing is asynchronous); returns the rest. */
  static List<Long> awaitGone(String entry) throws InterruptedException {
    List<Long> left = processesWithEnv(entry);
    for (int i = 0; i < 100 && left != null && !left.isEmpty(); i++) {
      Thread.sleep(100);
      left = processesWithEnv(entry);
    }
    return left == null ? List.of() : left;
  }
}
