package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.FileFact;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.model.Tiers;
import dev.scylla.model.Unexpected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An experiment directory opened for reading: its config, layout, expected run matrix, and a
 * snapshot of any run. Opening fails with a BAD_INPUT {@link ScyllaException} only when the
 * directory is not an experiment or its config is unusable; everything below the config is read as
 * data, corrupt files included.
 */
public final class ExperimentStore {
  private final Path root;
  private final ExperimentLayout layout;
  private final ExperimentConfig config;
  private final Loaded<Plan> plan;

  private ExperimentStore(
      Path root, ExperimentLayout layout, ExperimentConfig config, Loaded<Plan> plan) {
    this.root = root;
    this.layout = layout;
    this.config = config;
    this.plan = plan;
  }

  /** Opens an experiment directory; BAD_INPUT if it is not one or its config is unusable. */
  public static ExperimentStore open(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.exists(root)) {
      throw ScyllaException.badInput(dir + ": no such directory");
    }
    if (!Files.isDirectory(root)) {
      throw ScyllaException.badInput(dir + ": not a directory");
    }
    ExperimentLayout layout = ExperimentLayout.detect(root);
    Path cfg = layout.configFile();
    Loaded<ExperimentConfig> config = FileReads.readJson(cfg, ModelJson::config);
    if (config instanceof Loaded.Missing<ExperimentConfig>) {
      throw ScyllaException.badInput(
          dir + ": not an experiment directory (no config/experiment.json)");
    }
    if (config instanceof Loaded.Corrupt<ExperimentConfig> c) {
      throw ScyllaException.badInput(cfg + ": unusable experiment config: " + c.reason());
    }
    Loaded<Plan> plan = FileReads.readJson(layout.planFile(), PlanJson::read);
    return new ExperimentStore(root, layout, config.orNull(), plan);
  }

  public Path root() {
    return root;
  }

  public ExperimentLayout layout() {
    return layout;
  }

  public ExperimentConfig config() {
    return config;
  }

  public Loaded<Plan> plan() {
    return plan;
  }

  /** The run directory of an expected run (whether or not it exists). */
  public Path runDir(RunKey key) {
    return layout.runDir(key);
  }

  /**
   * Why writing into the run directory of {@code key} would leave the experiment (a tier, subtest
   * or run directory that is a symbolic link pointing outside it), or null when it stays inside.
   * Writers must not follow such a link: the files would land in someone else's tree.
   */
  public String writeEscape(RunKey key) {
    Path real;
    try {
      real = root.toRealPath();
    } catch (java.io.IOException e) {
      return root + ": cannot resolve the experiment directory: " + e.getMessage();
    }
    // the deepest part of the run's path that exists, resolved through every link
    Path p = layout.runDir(key).toAbsolutePath().normalize();
    while (p != null && !java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      p = p.getParent();
    }
    if (p == null) {
      return null;
    }
    Path resolved;
    try {
      resolved = p.toRealPath();
    } catch (java.io.IOException e) {
      // a dangling link: it points nowhere inside the experiment either
      return root.relativize(p) + " is a link that cannot be resolved; not writing through it";
    }
    if (!resolved.startsWith(real)) {
      return root.relativize(p)
          + " leads outside the experiment (to "
          + resolved
          + "); not writing through it";
    }
    return null;
  }

  // ------------------------------------------------------------ expected matrix

  /**
   * The runs this experiment expects. Tiers come from {@code tiers_to_run}; the subtests of a tier
   * from {@code plan.json} when it lists the tier, else from the subtest directories on disk and
   * the checkpoint's entries; runs and judges from the config.
   */
  public RunMatrix matrix(List<String> warnings) {
    Map<String, List<String>> subtests = new LinkedHashMap<>();
    Plan p = plan.orNull();
    if (plan instanceof Loaded.Corrupt<Plan> c) {
      warnings.add("plan.json is corrupt (" + c.reason() + "); expected subtests come from disk");
    }
    Map<String, TreeSet<String>> fromCheckpoint = checkpointSubtests(warnings);
    boolean anyFromPlan = false;
    boolean anyFromDisk = false;
    List<String> tiers =
        new ArrayList<>(
            new TreeSet<>(Tiers.TIER_ORDER) {
              private static final long serialVersionUID = 1L;

              {
                addAll(config.tiersToRun());
              }
            });
    for (String tier : tiers) {
      if (p != null && p.tiers().containsKey(tier)) {
        subtests.put(tier, p.tiers().get(tier));
        anyFromPlan = true;
        continue;
      }
      TreeSet<String> ids = new TreeSet<>(Tiers.SUBTEST_ORDER);
      for (Path tierRoot : layout.tierRoots()) {
        for (String name : listDirNames(tierRoot.resolve(tier))) {
          if (Tiers.isSubtest(name)) {
            ids.add(name);
          }
        }
      }
      ids.addAll(fromCheckpoint.getOrDefault(tier, new TreeSet<>()));
      if (ids.isEmpty()) {
        warnings.add(
            "tier "
                + tier
                + " is in tiers_to_run but no subtest of it is recorded (no plan.json entry, no"
                + " subtest directory, no checkpoint entry): it expects no runs");
      } else {
        anyFromDisk = true;
      }
      subtests.put(tier, List.copyOf(ids));
    }
    String source =
        anyFromPlan && anyFromDisk
            ? "plan.json and directories"
            : anyFromPlan ? "plan.json" : "directories";
    return new RunMatrix(subtests, config.runsPerSubtest(), config.judgeModels(), source);
  }

  private Map<String, TreeSet<String>> checkpointSubtests(List<String> warnings) {
    Map<String, TreeSet<String>> out = new LinkedHashMap<>();
    Loaded<ObjectNode> cp = FileReads.readJson(layout.checkpointFile(), o -> o);
    if (cp instanceof Loaded.Corrupt<ObjectNode> c) {
      warnings.add("checkpoint.json is corrupt (" + c.reason() + "); it was not used");
      return out;
    }
    ObjectNode o = cp.orNull();
    if (o == null) {
      return out;
    }
    for (String field : List.of("completed_runs", "run_states")) {
      JsonNode byTier = o.get(field);
      if (byTier == null || !byTier.isObject()) {
        continue;
      }
      byTier
          .fields()
          .forEachRemaining(
              t -> {
                if (t.getValue().isObject()) {
                  t.getValue()
                      .fieldNames()
                      .forEachRemaining(
                          s -> {
                            if (Tiers.isSubtest(s)) {
                              out.computeIfAbsent(
                                      t.getKey(), k -> new TreeSet<>(Tiers.SUBTEST_ORDER))
                                  .add(s);
                            }
                          });
                }
              });
    }
    return out;
  }

  /**
   * Entries on disk the matrix does not expect: tier directories outside {@code tiers_to_run},
   * unplanned or oddly named subtest directories, run directories beyond {@code runs_per_subtest}
   * or with names that are not runs. {@code .failed/} and other hidden entries are never counted.
   */
  public List<Unexpected> unexpected(RunMatrix matrix) {
    List<Unexpected> out = new ArrayList<>();
    for (Path tierRoot : layout.tierRoots()) {
      for (String name : listDirNames(tierRoot)) {
        if (name.startsWith(".")) {
          continue;
        }
        Path tierDir = tierRoot.resolve(name);
        boolean looksLikeTier = name.matches("[Tt][0-9]+.*");
        if (!matrix.subtests().containsKey(name)) {
          if (Tiers.isTier(name)) {
            out.add(new Unexpected(layout.relative(tierDir), "tier not in tiers_to_run"));
          } else if (looksLikeTier) {
            out.add(new Unexpected(layout.relative(tierDir), "not a tier id (expected T0..T6)"));
          }
          continue;
        }
        List<String> expected = matrix.subtests().get(name);
        for (String sub : listDirNames(tierDir)) {
          if (sub.startsWith(".")) {
            continue;
          }
          Path subDir = tierDir.resolve(sub);
          if (!expected.contains(sub)) {
            out.add(
                new Unexpected(
                    layout.relative(subDir),
                    Tiers.isSubtest(sub) ? "subtest not in the plan" : "not a subtest id"));
            continue;
          }
          for (String run : listDirNames(subDir)) {
            if (run.startsWith(".")) {
              continue;
            }
            int n = Tiers.runNumber(run);
            if (n < 0) {
              out.add(new Unexpected(layout.relative(subDir.resolve(run)), "not a run directory"));
            } else if (n > matrix.runsPerSubtest()) {
              out.add(
                  new Unexpected(
                      layout.relative(subDir.resolve(run)),
                      "run beyond runs_per_subtest (" + matrix.runsPerSubtest() + ")"));
            } else if (!run.equals(Tiers.runDirName(n))) {
              out.add(
                  new Unexpected(
                      layout.relative(subDir.resolve(run)),
                      "run directory name is not " + Tiers.runDirName(n)));
            }
          }
        }
      }
    }
    if (layout.kind() == ExperimentLayout.Kind.PHASED) {
      for (String name : listDirNames(root)) {
        if (Tiers.isTier(name)) {
          out.add(
              new Unexpected(name, "flat-layout tier directory in a phased experiment (not read)"));
        }
      }
    }
    return out;
  }

  /** Names of the sub-directories of {@code dir} (links followed), sorted; empty if unreadable. */
  public static List<String> listDirNames(Path dir) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (Files.isDirectory(p)) {
          names.add(p.getFileName().toString());
        }
      }
    } catch (IOException | SecurityException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  // ------------------------------------------------------------ run snapshots

  /** Reads everything classification needs about one run. Never throws for bad data. */
  public RunSnapshot readRun(RunKey key, RunMatrix matrix) {
    Path dir = layout.runDir(key);
    String location = layout.relative(dir);
    RunSnapshot.DirState state = dirState(dir);
    if (state != RunSnapshot.DirState.PRESENT) {
      List<SlotSnapshot> slots = new ArrayList<>();
      for (int n = 1; n <= matrix.judgeCount(); n++) {
        slots.add(new SlotSnapshot(n, matrix.judgeModel(n), false, Loaded.missing(), null, null));
      }
      return RunSnapshot.without(key, location, state, slots, Journals.read(layout, key));
    }
    Path agent = dir.resolve("agent");
    Path judge = dir.resolve("judge");
    boolean judgeDir = Files.isDirectory(judge);
    List<SlotSnapshot> slots = new ArrayList<>();
    for (int n = 1; n <= matrix.judgeCount(); n++) {
      slots.add(readSlot(judge.resolve(Tiers.slotDirName(n)), n, matrix.judgeModel(n)));
    }
    List<Integer> extra = new ArrayList<>();
    if (judgeDir) {
      for (String name : listDirNames(judge)) {
        if (name.startsWith("judge_")) {
          try {
            int n = Integer.parseInt(name.substring("judge_".length()));
            if (n > matrix.judgeCount()) {
              extra.add(n);
            }
          } catch (NumberFormatException e) {
            // not a slot directory
          }
        }
      }
    }
    return new RunSnapshot(
        key,
        location,
        state,
        Files.isDirectory(agent),
        FileReads.fact(agent.resolve("output.txt")),
        FileReads.fact(agent.resolve("stdout.log")),
        FileReads.fact(agent.resolve("stderr.log")),
        FileReads.readJson(agent.resolve("result.json"), ModelJson::agentResult),
        FileReads.readJson(agent.resolve("timing.json"), ModelJson::agentTiming),
        FileReads.readJson(agent.resolve("command_log.json"), ModelJson::commandLog),
        FileReads.readJson(dir.resolve("run_result.json"), ModelJson::runResult),
        FileReads.readJson(judge.resolve("result.json"), ModelJson::consensus),
        judgeDir,
        slots,
        extra,
        Files.isDirectory(dir.resolve("workspace")),
        Files.isRegularFile(dir.resolve("judge_prompt.md")),
        Journals.read(layout, key),
        config.judgesTurnLimited());
  }

  private static RunSnapshot.DirState dirState(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return RunSnapshot.DirState.ABSENT;
    }
    if (!Files.isDirectory(dir)) {
      return RunSnapshot.DirState.NOT_A_DIRECTORY;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      return ds.iterator().hasNext() ? RunSnapshot.DirState.PRESENT : RunSnapshot.DirState.EMPTY;
    } catch (IOException | SecurityException e) {
      return RunSnapshot.DirState.NOT_A_DIRECTORY;
    }
  }

  private static SlotSnapshot readSlot(Path slotDir, int n, String configuredModel) {
    if (!Files.isDirectory(slotDir)) {
      return new SlotSnapshot(n, configuredModel, false, Loaded.missing(), null, null);
    }
    Loaded<Judgment> judgment =
        FileReads.readJson(slotDir.resolve("judgment.json"), ModelJson::judgment);
    String recorded = null;
    if (judgment.orNull() != null) {
      JsonNode m = judgment.orNull().raw().get("model");
      recorded = m != null && m.isTextual() ? m.textValue() : null;
    }
    Loaded<ObjectNode> journal = FileReads.readJson(slotDir.resolve("attempts.json"), o -> o);
    String failure = judgment.isMissing() ? recordedFailure(slotDir, journal) : null;
    return new SlotSnapshot(
        n, configuredModel, true, judgment, recorded, failure, JudgeSpendJson.of(journal.orNull()));
  }

  /**
   * The failure recorded in a slot directory: our {@code failure.json}, the reference's {@code
   * error.log}, or its {@code timing.json} with {@code failed: true}. Null when none.
   */
  static String recordedFailure(Path slotDir, Loaded<ObjectNode> journal) {
    Loaded<ObjectNode> ours = FileReads.readJson(slotDir.resolve("failure.json"), o -> o);
    if (ours instanceof Loaded.Corrupt<ObjectNode> c) {
      return "failure record is corrupt (" + c.reason() + ")";
    }
    if (ours.orNull() != null) {
      JsonNode reason = ours.orNull().get("reason");
      return reason != null && reason.isTextual() ? reason.textValue() : "failure recorded";
    }
    FileFact errorLog = FileReads.fact(slotDir.resolve("error.log"));
    if (errorLog.nonEmpty()) {
      Loaded<byte[]> text = FileReads.readBytes(slotDir.resolve("error.log"));
      String s =
          text.orNull() == null ? "" : new String(text.orNull(), StandardCharsets.UTF_8).strip();
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
    Loaded<ObjectNode> timing = FileReads.readJson(slotDir.resolve("timing.json"), o -> o);
    if (timing.orNull() != null) {
      JsonNode failed = timing.orNull().get("failed");
      if (failed != null && failed.isBoolean() && failed.booleanValue()) {
        JsonNode err = timing.orNull().get("error");
        return err != null && err.isTextual() ? err.textValue() : "judge failed (timing.json)";
      }
    }
    return journalFailure(journal);
  }

  /**
   * The failure the slot's attempt journal ({@code attempts.json}) records for its last finished
   * attempt, when the failure record itself is gone; null when the journal is absent or its last
   * attempt did not fail. A corrupt journal is a recorded failure: judging refuses to guess how
   * many attempts it held.
   */
  static String journalFailure(Loaded<ObjectNode> journal) {
    if (journal instanceof Loaded.Corrupt<ObjectNode> c) {
      return "attempt journal is corrupt (" + c.reason() + ")";
    }
    ObjectNode o = journal.orNull();
    if (o == null) {
      return null;
    }
    JsonNode attempts = o.get("attempts");
    if (attempts == null || !attempts.isArray()) {
      return "attempt journal is corrupt (no attempts list)";
    }
    if (attempts.isEmpty()) {
      return null;
    }
    // Only the last attempt counts: one that started and never ended, or was cancelled, left
    // the slot interrupted (partial), not failed.
    JsonNode last = attempts.get(attempts.size() - 1);
    JsonNode outcome = last.isObject() ? last.get("outcome") : null;
    String kind = outcome != null && outcome.isTextual() ? outcome.textValue() : "";
    if (kind.equals("failed") || kind.equals("rate_limited") || kind.equals("config_error")) {
      JsonNode reason = last.get("reason");
      String why = reason != null && reason.isTextual() ? reason.textValue() : kind;
      return kind.equals("failed") ? why : kind.replace('_', ' ') + ": " + why;
    }
    return null;
  }
}
