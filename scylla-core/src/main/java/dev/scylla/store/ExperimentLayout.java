package dev.scylla.store;

import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where things live in an experiment directory. Two layouts exist: <b>flat</b> ({@code
 * <exp>/T0/00/run_01}, the recorded experiment's) and <b>phased</b> ({@code
 * <exp>/completed/T0/00/run_01} after a run finished, {@code <exp>/in_progress/...} while it runs).
 * Every path is derived from the experiment's current location; absolute paths stored inside files
 * are never used.
 */
public final class ExperimentLayout {

  /** The two on-disk layouts of the reference. */
  public enum Kind {
    FLAT,
    PHASED;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String COMPLETED = "completed";
  public static final String IN_PROGRESS = "in_progress";
  public static final String FAILED_DIR = ".failed";

  private final Path root;
  private final Kind kind;

  public ExperimentLayout(Path root, Kind kind) {
    this.root = root;
    this.kind = kind;
  }

  /** Phased when a {@code completed/} or {@code in_progress/} directory exists, else flat. */
  public static ExperimentLayout detect(Path root) {
    boolean phased =
        Files.isDirectory(root.resolve(COMPLETED)) || Files.isDirectory(root.resolve(IN_PROGRESS));
    return new ExperimentLayout(root, phased ? Kind.PHASED : Kind.FLAT);
  }

  public Path root() {
    return root;
  }

  public Kind kind() {
    return kind;
  }

  public Path configFile() {
    return configFileOf(root);
  }

  /** Where the experiment configuration of a directory {@code dir} would be. */
  public static Path configFileOf(Path dir) {
    return dir.resolve("config").resolve("experiment.json");
  }

  /** Whether {@code dir} holds an experiment (its configuration file exists). */
  public static boolean isExperiment(Path dir) {
    return java.nio.file.Files.isRegularFile(configFileOf(dir));
  }

  /** The build pipeline's result on the unchanged task repository, once per experiment. */
  public Path pipelineBaseline() {
    return root.resolve("pipeline_baseline.json");
  }

  /** The logs of the baseline's pipeline commands. */
  public Path baselineCommandsDir() {
    return scyllaDir().resolve("baseline_commands");
  }

  public Path checkpointFile() {
    return root.resolve("checkpoint.json");
  }

  /** Our addition: the expected matrix, written when the experiment is created. */
  public Path planFile() {
    return root.resolve("plan.json");
  }

  /** Our addition: the copy of the test definition the experiment runs (self-contained). */
  public Path testDir() {
    return root.resolve("config").resolve("test");
  }

  /** Our addition: the copy of the tier/subtest catalogue the experiment runs. */
  public Path catalogueDir() {
    return root.resolve("config").resolve("catalogue");
  }

  /** The shared clone of the task repository (where the reference's flat layout kept it). */
  public Path repoDir() {
    return root.resolve("repo");
  }

  /** Our addition: where the lock, attempt journals and other bookkeeping live. */
  public Path scyllaDir() {
    return root.resolve(".scylla");
  }

  /** The directory that holds tier directories of finished runs and the tier reports. */
  public Path phaseRoot() {
    return kind == Kind.PHASED ? root.resolve(COMPLETED) : root;
  }

  /** Directories that may hold tier directories, in lookup order. */
  public List<Path> tierRoots() {
    return kind == Kind.PHASED
        ? List.of(root.resolve(COMPLETED), root.resolve(IN_PROGRESS))
        : List.of(root);
  }

  public Path tierDir(String tier) {
    return phaseRoot().resolve(tier);
  }

  public Path subtestDir(String tier, String subtest) {
    return tierDir(tier).resolve(subtest);
  }

  /** A summary file at the experiment level ({@code result.json}, {@code report.md}, ...). */
  public Path experimentFile(String name) {
    return root.resolve(name);
  }

  /** A summary file of a tier, beside its subtest directories. */
  public Path tierFile(String tier, String name) {
    return tierDir(tier).resolve(name);
  }

  /** A summary file of a subtest, beside its run directories. */
  public Path subtestFile(String tier, String subtest, String name) {
    return subtestDir(tier, subtest).resolve(name);
  }

  /**
   * A Markdown/JSON link from a file in directory {@code from} to {@code to}: {@code
   * ./T0/report.md} in the flat layout, {@code ./completed/T0/report.md} in the phased one.
   */
  public static String link(Path from, Path to) {
    Path rel = from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize());
    String s = rel.toString().replace('\\', '/');
    return s.startsWith("..") ? s : "./" + s;
  }

  /** The archive directory of a subtest. */
  public Path failedDir(String tier, String subtest) {
    return subtestDir(tier, subtest).resolve(FAILED_DIR);
  }

  /**
   * The directory of a run. In the phased layout: {@code completed/} if the run is there, else
   * {@code in_progress/} if it is there, else where a finished run belongs ({@code completed/}).
   */
  public Path runDir(RunKey key) {
    String name = Tiers.runDirName(key.run());
    if (kind == Kind.FLAT) {
      return root.resolve(key.tier()).resolve(key.subtest()).resolve(name);
    }
    Path done = root.resolve(COMPLETED).resolve(key.tier()).resolve(key.subtest()).resolve(name);
    if (Files.exists(done, LinkOption.NOFOLLOW_LINKS)) {
      return done;
    }
    Path running =
        root.resolve(IN_PROGRESS).resolve(key.tier()).resolve(key.subtest()).resolve(name);
    if (Files.exists(running, LinkOption.NOFOLLOW_LINKS)) {
      return running;
    }
    return done;
  }

  /** A path relative to the experiment, with forward slashes, for listings and messages. */
  public String relative(Path p) {
    Path rel = root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
    return rel.toString().replace('\\', '/');
  }
}
