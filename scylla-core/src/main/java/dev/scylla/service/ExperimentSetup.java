package dev.scylla.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Catalogue;
import dev.scylla.model.ModelIds;
import dev.scylla.model.Pricing;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.TestDefinition;
import dev.scylla.model.Tiers;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.CheckpointFile;
import dev.scylla.store.ExperimentLayout;
import dev.scylla.store.Json;
import dev.scylla.store.Plan;
import dev.scylla.store.PlanJson;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates an experiment directory: {@code <results>/<UTC timestamp>-<test id>/} with {@code
 * config/experiment.json}, copies of the test definition and of the catalogue (so the experiment
 * can be moved, resumed, rerun and regenerated without them), the prompt, rubric and criteria, the
 * plan and a checkpoint.
 */
final class ExperimentSetup {
  private static final DateTimeFormatter DIR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);

  private ExperimentSetup() {}

  /** The subtests each requested tier runs, validated against the catalogue. */
  static Map<String, List<String>> subtests(RunRequest req, TestDefinition test, Catalogue cat) {
    List<String> tiers = new ArrayList<>();
    for (String t :
        req.tiers().isEmpty()
            ? (test.tiers().isEmpty() ? cat.tierIds() : test.tiers())
            : req.tiers()) {
      String tier = Tiers.parseTier(t);
      if (!tiers.contains(tier)) {
        tiers.add(tier);
      }
    }
    tiers.sort(Tiers.TIER_ORDER);
    Set<String> wanted = new LinkedHashSet<>(req.subtests());
    Set<String> seen = new LinkedHashSet<>();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String tier : tiers) {
      List<SubtestDefinition> defs = cat.subtests(tier);
      if (defs.isEmpty()) {
        throw ScyllaException.badInput(
            cat.root() + ": tier " + tier + " has no subtests in this catalogue");
      }
      List<String> ids = new ArrayList<>();
      for (SubtestDefinition d : defs) {
        if (wanted.isEmpty() || wanted.contains(d.id())) {
          ids.add(d.id());
          seen.add(d.id());
        }
      }
      if (req.maxSubtests() != null && ids.size() > req.maxSubtests()) {
        ids = new ArrayList<>(ids.subList(0, req.maxSubtests()));
      }
      if (!ids.isEmpty()) {
        out.put(tier, ids);
      }
    }
    Set<String> unknown = new LinkedHashSet<>(wanted);
    unknown.removeAll(seen);
    if (!unknown.isEmpty()) {
      throw ScyllaException.badInput(
          "--subtests "
              + String.join(",", unknown)
              + ": not in the selected tiers of "
              + cat.root());
    }
    if (out.isEmpty()) {
      throw ScyllaException.badInput("nothing to run: no subtest is selected");
    }
    return out;
  }

  static RunReport.Plan plan(
      RunRequest req, TestDefinition test, Map<String, List<String>> subtests) {
    int total = subtests.values().stream().mapToInt(List::size).sum() * req.runs();
    double perRun = Pricing.agentRun(req.model());
    for (String j : req.judgeModels()) {
      perRun += Pricing.judgeCall(j);
    }
    String basis =
        "price table: a typical agent run with "
            + req.model()
            + (Pricing.known(req.model()) ? "" : " (unknown model: default prices)")
            + " and one typical judge call per judge";
    return new RunReport.Plan(
        test.id(),
        subtests,
        req.runs(),
        req.model(),
        req.judgeModels(),
        total,
        perRun * total,
        basis);
  }

  /** Creates the experiment directory and returns it. */
  static Path create(
      RunRequest req, TestDefinition test, Catalogue cat, Map<String, List<String>> subtests)
      throws IOException {
    Path results = req.resultsDir().toAbsolutePath().normalize();
    Files.createDirectories(results);
    Instant t = Instant.now();
    Path dir = results.resolve(DIR_TIME.format(t) + "-" + test.id());
    while (Files.exists(dir)) {
      t = t.plusSeconds(1);
      dir = results.resolve(DIR_TIME.format(t) + "-" + test.id());
    }
    ExperimentLayout layout = new ExperimentLayout(dir, ExperimentLayout.Kind.FLAT);
    copyTree(test.dir(), layout.testDir());
    copyTree(cat.root(), layout.catalogueDir());
    AtomicFiles.writeString(dir.resolve("prompt.md"), test.promptText());
    AtomicFiles.writeString(dir.resolve("rubric.yaml"), test.rubricText());
    if (test.criteriaText() != null) {
      AtomicFiles.writeString(dir.resolve("criteria.md"), test.criteriaText());
    }
    AtomicFiles.writeJson(layout.configFile(), config(req, test, subtests));
    AtomicFiles.writeJson(
        layout.planFile(), PlanJson.write(new Plan(Plan.VERSION, CheckpointFile.now(), subtests)));
    return dir;
  }

  private static ObjectNode config(
      RunRequest req, TestDefinition test, Map<String, List<String>> subtests) {
    ObjectNode c = Json.object();
    c.put("experiment_id", test.id());
    c.put("task_repo", repoLocation(test));
    c.put("task_commit", test.commit());
    c.put("task_prompt_file", "prompt.md");
    c.put("language", test.language());
    c.putArray("models").add(ModelIds.normalize(req.model()));
    c.put("runs_per_subtest", req.runs());
    ArrayNode tiers = c.putArray("tiers_to_run");
    subtests.keySet().forEach(tiers::add);
    ArrayNode judges = c.putArray("judge_models");
    req.judgeModels().forEach(j -> judges.add(ModelIds.normalize(j)));
    c.put(
        "timeout_seconds",
        req.timeoutSeconds() != null ? req.timeoutSeconds() : test.timeoutSeconds());
    if (req.maxTurns() == null) {
      c.putNull("max_turns");
    } else {
      c.put("max_turns", req.maxTurns());
    }
    if (req.maxSubtests() == null) {
      c.putNull("max_subtests");
    } else {
      c.put("max_subtests", req.maxSubtests());
    }
    c.put("skip_agent_teams", false);
    c.put("thinking_mode", req.thinkingMode() == null ? "None" : req.thinkingMode());
    c.put("use_containers", false);
    ObjectNode ours = c.putObject("scylla");
    ours.put("version", 1);
    ours.put("agent", req.agent());
    if (req.claudeExecutable() == null) {
      ours.putNull("claude_executable");
    } else {
      ours.put("claude_executable", req.claudeExecutable());
    }
    ours.put("simulator", req.simulator());
    ours.put("turn_limited", req.judgeTurnLimited() ? "judge" : "fail");
    ObjectNode env = ours.putObject("env");
    req.env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.put(e.getKey(), e.getValue()));
    return c;
  }

  /** A local repository is recorded as an absolute path, a URL as it is. */
  private static String repoLocation(TestDefinition test) {
    String repo = test.repo();
    if (repo.contains("://") || repo.startsWith("git@")) {
      return repo;
    }
    Path p = test.dir().resolve(repo).toAbsolutePath().normalize();
    return Files.exists(p) ? p.toString() : repo;
  }

  /** Copies regular files and directories (not .git, not links out of the tree). */
  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            if (d.getFileName() != null && d.getFileName().toString().equals(".git")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(f)) {
              AtomicFiles.write(to.resolve(from.relativize(f).toString()), Files.readAllBytes(f));
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
