package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.judge.JudgeInputs;
import dev.scylla.judge.JudgingConfig;
import dev.scylla.model.Catalogue;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.Fingerprint;
import dev.scylla.model.InputSet;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.store.Catalogues;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The experiment's current inputs as fingerprints (docs/format.md, "Fingerprints"): of the runs of
 * each subtest (task prompt, test commit, agent model and settings, the subtest's configuration in
 * the experiment's copy of the catalogue) and of each judge slot ({@link JudgeInputs}). A run's
 * agent attempt records {@link #run} when it is launched; comparing the recorded ones with {@link
 * #current} is the drift {@code status} reports.
 */
public final class Inputs {
  private Inputs() {}

  /** Every subtest's run fingerprint and every slot's judge fingerprint, as the files are now. */
  public static InputSet current(ExperimentStore store, RunMatrix matrix, List<String> warnings) {
    Catalogue catalogue = catalogue(store);
    Map<String, Fingerprint> runs = new LinkedHashMap<>();
    matrix
        .subtests()
        .forEach(
            (tier, ids) -> {
              for (String s : ids) {
                runs.put(tier + "/" + s, run(store, catalogue, tier, s));
              }
            });
    Map<Integer, Fingerprint> judges = new LinkedHashMap<>();
    try {
      JudgingConfig judging = JudgingConfig.of(store.config(), store.layout().configFile());
      String system = systemPrompt(store, judging);
      for (int n = 1; n <= matrix.judgeCount(); n++) {
        String model = matrix.judgeModel(n);
        judges.put(
            n, JudgeInputs.fingerprint(store.root(), system, model, judging.clientFor(model)));
      }
    } catch (ScyllaException e) {
      warnings.add("judge inputs cannot be fingerprinted: " + e.getMessage());
    }
    return new InputSet(runs, judges);
  }

  /** The fingerprint a run of this subtest is made from now. */
  public static Fingerprint run(
      ExperimentStore store, Catalogue catalogue, String tier, String subtest) {
    ExperimentConfig c = store.config();
    Map<String, String> parts = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Loaded<byte[]> prompt =
        FileReads.readBytes(new RunFiles(store.root(), store.root()).experimentPrompt());
    parts.put(
        Fingerprint.TASK_PROMPT,
        prompt.orNull() == null
            ? Fingerprint.sha256("(no prompt.md)")
            : Fingerprint.sha256(prompt.orNull()));
    parts.put(Fingerprint.TEST_COMMIT, Fingerprint.sha256(c.taskRepo() + "\n" + c.taskCommit()));
    if (c.taskCommit() != null) {
      labels.put(Fingerprint.TEST_COMMIT, c.taskCommit());
    }
    String agent =
        c.raw() == null
            ? "claude-code"
            : c.raw().path("scylla").path("agent").asText("claude-code");
    parts.put(
        Fingerprint.AGENT,
        Fingerprint.sha256(
            "agent="
                + agent
                + "\nmodel="
                + c.agentModel()
                + "\nmax_turns="
                + c.maxTurns()
                + "\nthinking_mode="
                + c.thinkingMode()
                + "\ntimeout_seconds="
                + c.timeoutSeconds()
                + "\nskip_agent_teams="
                + c.skipAgentTeams()));
    labels.put(Fingerprint.AGENT, c.agentModel());
    String config = subtestConfig(catalogue, tier, subtest);
    if (config != null) {
      parts.put(Fingerprint.SUBTEST_CONFIG, config);
    }
    return new Fingerprint(parts, labels);
  }

  /**
   * The fingerprint a run is launched with now, or null (with a warning) when its inputs cannot be
   * read: recording one is never a reason not to run.
   */
  static Fingerprint runOrNull(ExperimentStore store, RunKey key, EventSink events) {
    try {
      return run(store, catalogue(store), key.tier(), key.subtest());
    } catch (RuntimeException e) {
      events.warn(key.label() + ": its inputs cannot be fingerprinted: " + e.getMessage());
      return null;
    }
  }

  /** The experiment's copy of its catalogue, or null when it has none that loads. */
  static Catalogue catalogue(ExperimentStore store) {
    Path dir = store.layout().catalogueDir();
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try {
      return Catalogues.load(dir);
    } catch (ScyllaException e) {
      return null;
    }
  }

  /**
   * The SHA-256 of the subtest's YAML and of every catalogue file it draws on (its CLAUDE.md
   * blocks, agents, skills), or null when the catalogue or the subtest is unknown.
   */
  static String subtestConfig(Catalogue cat, String tier, String subtest) {
    if (cat == null) {
      return null;
    }
    SubtestDefinition d = cat.subtest(tier, subtest).orElse(null);
    if (d == null) {
      return null;
    }
    List<Path> files = new ArrayList<>();
    files.add(d.file());
    SubtestResources r = d.resources();
    if (r.claudeMdBlocks() != null) {
      r.claudeMdBlocks().forEach(b -> cat.block(b).ifPresent(files::add));
    }
    r.agentLevels().forEach(l -> files.addAll(cat.agents(l)));
    r.agentNames().forEach(a -> cat.agent(a).ifPresent(files::add));
    r.skillCategories().forEach(k -> files.addAll(cat.skills(k)));
    r.skillNames().forEach(k -> cat.skill(k).ifPresent(files::add));
    StringBuilder sb = new StringBuilder();
    sb.append("extends_previous=").append(d.extendsPrevious()).append('\n');
    sb.append("inherit_best_from=").append(d.inheritBestFrom()).append('\n');
    sb.append("agent_teams=").append(d.agentTeams()).append('\n');
    try {
      for (Path f : files) {
        appendTree(cat.root(), f, sb);
      }
    } catch (UncheckedIOException e) {
      sb.append("(unreadable: ").append(e.getCause().getMessage()).append(")\n");
    }
    return Fingerprint.sha256(sb.toString());
  }

  private static void appendTree(Path root, Path f, StringBuilder sb) {
    try {
      if (Files.isDirectory(f)) {
        List<Path> inside;
        try (Stream<Path> s = Files.walk(f)) {
          inside = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : inside) {
          appendTree(root, p, sb);
        }
        return;
      }
      byte[] bytes = Files.readAllBytes(f);
      sb.append(root.relativize(f).toString().replace('\\', '/'))
          .append(' ')
          .append(Fingerprint.sha256(bytes))
          .append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String systemPrompt(ExperimentStore store, JudgingConfig judging) {
    if (judging.systemPromptFile() == null) {
      return null;
    }
    Path f = store.root().resolve(judging.systemPromptFile()).normalize();
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + f.getFileName() + ")";
    }
  }
}
