package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scylla.model.AgentResult;
import dev.scylla.model.FileFact;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunResult;
import dev.scylla.model.Tiers;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reads the analysis needs beyond a run snapshot: the model lines of {@code MODEL.md}, judge
 * slots beyond the configured ones, rubric weights, the tail of agent logs, and the archived
 * earlier attempts of a run under {@code .failed/}. Like the rest of the store, bad files are
 * {@link Loaded.Corrupt} values, never exceptions.
 */
public final class AnalysisReads {
  private static final Pattern ARCHIVE =
      Pattern.compile("run_([0-9]+)(?:_(failed|attempt)_([0-9]+))?");
  private static final YAMLMapper YAML = new YAMLMapper();

  private AnalysisReads() {}

  /**
   * The category weights of {@code rubric.yaml} ({@code categories.<name>.weight}, 0.0 when a
   * category has none), in file order. Missing when the experiment has no rubric.
   */
  public static Loaded<Map<String, Double>> rubricWeights(ExperimentStore store) {
    Path file = store.root().resolve("rubric.yaml");
    Loaded<byte[]> bytes = FileReads.readBytes(file);
    if (!(bytes instanceof Loaded.Present<byte[]> p)) {
      return bytes.map(b -> null);
    }
    JsonNode root;
    try {
      root = YAML.readTree(p.value());
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      int nl = msg.indexOf('\n');
      return Loaded.corrupt("not valid YAML: " + (nl < 0 ? msg : msg.substring(0, nl)));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (root == null || !root.isObject()) {
      return Loaded.corrupt("expected a mapping at the top");
    }
    JsonNode cats = root.get("categories");
    if (cats == null || cats.isNull()) {
      return Loaded.present(out);
    }
    if (!cats.isObject()) {
      return Loaded.corrupt(
          "field \"categories\": expected a mapping, found " + JsonFields.kind(cats));
    }
    var it = cats.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode w = e.getValue() == null ? null : e.getValue().get("weight");
      if (w == null || w.isNull()) {
        out.put(e.getKey(), 0.0);
      } else if (w.isNumber()) {
        out.put(e.getKey(), w.doubleValue());
      } else {
        return Loaded.corrupt(
            "field \"categories."
                + e.getKey()
                + ".weight\": expected a number, found "
                + JsonFields.kind(w));
      }
    }
    return Loaded.present(out);
  }

  /** The {@code **Model**:} line of a judge slot's {@code MODEL.md}; corrupt when it has none. */
  public static Loaded<String> judgeModel(ExperimentStore store, RunKey key, int slot) {
    return modelLine(
        store.runDir(key).resolve("judge").resolve(Tiers.slotDirName(slot)).resolve("MODEL.md"));
  }

  /** The {@code **Model**:} line of a run's {@code agent/MODEL.md}; corrupt when it has none. */
  public static Loaded<String> agentModel(ExperimentStore store, RunKey key) {
    return modelLine(store.runDir(key).resolve("agent").resolve("MODEL.md"));
  }

  private static Loaded<String> modelLine(Path file) {
    Loaded<byte[]> bytes = FileReads.readBytes(file);
    if (!(bytes instanceof Loaded.Present<byte[]> p)) {
      return bytes.map(b -> null);
    }
    String model = ModelMarkdown.model(new String(p.value(), StandardCharsets.UTF_8));
    return model == null
        ? Loaded.corrupt("no \"**Model**:\" line naming a model")
        : Loaded.present(model);
  }

  /** The judgment of any slot, including slots beyond the configured judges. */
  public static Loaded<Judgment> judgment(ExperimentStore store, RunKey key, int slot) {
    return FileReads.readJson(
        store
            .runDir(key)
            .resolve("judge")
            .resolve(Tiers.slotDirName(slot))
            .resolve("judgment.json"),
        ModelJson::judgment);
  }

  /** The repeat verdicts of a judge slot ({@link Repeats}), by number; empty when none. */
  public static List<Repeats.Repeat> repeats(ExperimentStore store, RunKey key, int slot) {
    return Repeats.of(store.runDir(key).resolve("judge").resolve(Tiers.slotDirName(slot)));
  }

  /**
   * A run's {@code run_result.json} as a plain JSON object, for readers more lenient than {@link
   * ModelJson#runResult} (the reference's analysis exports runs whose result lacks fields).
   */
  public static Loaded<com.fasterxml.jackson.databind.node.ObjectNode> runResultObject(
      ExperimentStore store, RunKey key) {
    return FileReads.readJson(store.runDir(key).resolve("run_result.json"), o -> o);
  }

  /**
   * A run's {@code agent/result.json} as a plain JSON object, for the reference's HEAD columns
   * ({@code api_calls}, {@code num_turns}, {@code model_usage}) that {@link ModelJson#agentResult}
   * does not keep.
   */
  public static Loaded<com.fasterxml.jackson.databind.node.ObjectNode> agentResultObject(
      ExperimentStore store, RunKey key) {
    return FileReads.readJson(store.runDir(key).resolve("agent").resolve("result.json"), o -> o);
  }

  /**
   * The last {@code maxBytes} of a file in the run's {@code agent/} directory ({@code stderr.log},
   * {@code stdout.log}), decoded as UTF-8; missing when absent.
   */
  public static Loaded<String> agentLogTail(
      ExperimentStore store, RunKey key, String fileName, int maxBytes) {
    return tail(store.runDir(key).resolve("agent").resolve(fileName), maxBytes);
  }

  private static Loaded<String> tail(Path file, int maxBytes) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, maxBytes);
      byte[] buf = new byte[n];
      f.seek(len - n);
      f.readFully(buf);
      return Loaded.present(new String(buf, StandardCharsets.UTF_8));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Files.exists(file) ? Loaded.corrupt("unreadable") : Loaded.missing();
    } catch (IOException e) {
      return Loaded.corrupt("unreadable: " + e.getMessage());
    }
  }

  /**
   * An earlier attempt of a run, archived under the subtest's {@code .failed/} as {@code run_NN},
   * {@code run_NN_failed_K} or {@code run_NN_attempt_K} (the reference's three schemes and ours).
   *
   * @param location relative to the experiment, e.g. {@code T0/00/.failed/run_01_attempt_1}
   * @param order 0 for {@code run_NN}, else K; attempts sort by it, then by name
   * @param stderrTail the last 64 KiB of {@code agent/stderr.log}, or null
   * @param stdoutTail the last 64 KiB of {@code agent/stdout.log}, or null
   */
  public record ArchivedAttempt(
      String name,
      String location,
      int order,
      boolean agentDir,
      FileFact output,
      Loaded<AgentResult> agentResult,
      Loaded<RunResult> runResult,
      String stderrTail,
      String stdoutTail) {}

  /** The archived earlier attempts of a run, oldest first; empty when there are none. */
  public static List<ArchivedAttempt> archivedAttempts(ExperimentStore store, RunKey key) {
    List<ArchivedAttempt> out = new ArrayList<>();
    for (Path tierRoot : store.layout().tierRoots()) {
      Path failed = tierRoot.resolve(key.tier()).resolve(key.subtest()).resolve(".failed");
      if (!Files.isDirectory(failed)) {
        continue;
      }
      for (String name : ExperimentStore.listDirNames(failed)) {
        Matcher m = ARCHIVE.matcher(name);
        if (!m.matches() || Integer.parseInt(m.group(1)) != key.run()) {
          continue;
        }
        int order = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        Path dir = failed.resolve(name);
        Path agent = dir.resolve("agent");
        out.add(
            new ArchivedAttempt(
                name,
                store.layout().relative(dir),
                order,
                Files.isDirectory(agent),
                FileReads.fact(agent.resolve("output.txt")),
                FileReads.readJson(agent.resolve("result.json"), ModelJson::agentResult),
                FileReads.readJson(dir.resolve("run_result.json"), ModelJson::runResult),
                tail(agent.resolve("stderr.log"), 64 * 1024).orNull(),
                tail(agent.resolve("stdout.log"), 64 * 1024).orNull()));
      }
    }
    out.sort(Comparator.comparingInt(ArchivedAttempt::order).thenComparing(ArchivedAttempt::name));
    return out;
  }

  /**
   * What a run's archived attempts cost, recorded where they happened: each {@code
   * .failed/run_NN_attempt_K/agent/result.json}'s {@code cost_usd} and the judge calls of every
   * slot journal inside those archives, plus the slot journals of the run that were set aside
   * before a slot was judged again ({@code judge/judge_NN/.archive/<name>/attempts.json}), and the
   * journals of the slot's repeat verdicts ({@code
   * judge/judge_NN/.repeats/repeat_K/attempts.json}): every judge call outside the slots' current
   * attempts.
   */
  public record ArchivedSpend(
      int agentAttempts, double agentUsd, dev.scylla.model.JudgeSpend judges) {
    public static final ArchivedSpend ZERO =
        new ArchivedSpend(0, 0.0, dev.scylla.model.JudgeSpend.NONE);

    public ArchivedSpend plus(ArchivedSpend o) {
      return new ArchivedSpend(
          agentAttempts + o.agentAttempts, agentUsd + o.agentUsd, judges.plus(o.judges));
    }

    public double totalUsd() {
      return agentUsd + judges.costUsd();
    }
  }

  /** The archived spend of one run ({@link ArchivedSpend}); zero when nothing is archived. */
  public static ArchivedSpend archivedSpend(ExperimentStore store, RunKey key) {
    ArchivedSpend total = ArchivedSpend.ZERO;
    for (Path tierRoot : store.layout().tierRoots()) {
      Path failed = tierRoot.resolve(key.tier()).resolve(key.subtest()).resolve(".failed");
      if (!Files.isDirectory(failed)) {
        continue;
      }
      for (String name : ExperimentStore.listDirNames(failed)) {
        Matcher m = ARCHIVE.matcher(name);
        if (!m.matches() || Integer.parseInt(m.group(1)) != key.run()) {
          continue;
        }
        Path dir = failed.resolve(name);
        double cost =
            FileReads.readJson(dir.resolve("agent").resolve("result.json"), ModelJson::agentResult)
                .optional()
                .map(a -> a.costUsd())
                .orElse(0.0);
        total =
            total.plus(
                new ArchivedSpend(
                    1,
                    Double.isFinite(cost) ? cost : 0.0,
                    judgeJournals(dir.resolve("judge"), true)));
      }
    }
    Path judge = store.layout().runDir(key).resolve("judge");
    return total.plus(new ArchivedSpend(0, 0.0, judgeJournals(judge, false)));
  }

  /**
   * The judge calls of the slot journals under a judge directory (set-aside ones and repeats
   * always).
   */
  private static dev.scylla.model.JudgeSpend judgeJournals(Path judgeDir, boolean current) {
    dev.scylla.model.JudgeSpend s = dev.scylla.model.JudgeSpend.NONE;
    for (String slot : ExperimentStore.listDirNames(judgeDir)) {
      if (!slot.startsWith("judge_")) {
        continue;
      }
      Path slotDir = judgeDir.resolve(slot);
      if (current) {
        s = s.plus(journalSpend(slotDir.resolve(RunFiles.Slot.ATTEMPTS)));
      }
      Path archive = slotDir.resolve(RunFiles.Slot.ARCHIVE);
      for (String a : ExperimentStore.listDirNames(archive)) {
        s = s.plus(journalSpend(archive.resolve(a).resolve(RunFiles.Slot.ATTEMPTS)));
      }
      // the repeat verdicts of rerun-judges --repeat (and their own set-aside attempts)
      for (Repeats.Repeat r : Repeats.of(slotDir)) {
        s = s.plus(journalSpend(r.dir().resolve(RunFiles.Slot.ATTEMPTS)));
        Path ra = r.dir().resolve(RunFiles.Slot.ARCHIVE);
        for (String a : ExperimentStore.listDirNames(ra)) {
          s = s.plus(journalSpend(ra.resolve(a).resolve(RunFiles.Slot.ATTEMPTS)));
        }
      }
    }
    return s;
  }

  private static dev.scylla.model.JudgeSpend journalSpend(Path file) {
    if (!Files.isRegularFile(file)) {
      return dev.scylla.model.JudgeSpend.NONE;
    }
    return JudgeSpendJson.of(FileReads.readJson(file, o -> o).orNull());
  }
}
