package dev.scylla.store;

import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one place that moves user data aside instead of deleting it, so nothing is ever overwritten:
 *
 * <ul>
 *   <li>a run directory before it is run again: {@code <subtest>/.failed/run_NN_attempt_K}, K the
 *       first number not taken;
 *   <li>files of a judge slot before it is judged again: {@code judge_NN/.archive/NAME}, else
 *       {@code NAME_2}, {@code NAME_3}, ... (the first name not taken).
 * </ul>
 */
public final class Archive {
  private Archive() {}

  /**
   * Archives the run directory of {@code key} if it exists (an empty one too) and returns where it
   * went, relative to the experiment; null when there was nothing to archive.
   *
   * @param attemptHint the attempt number to try first (the journal's), K grows from there
   */
  public static String archiveRun(ExperimentLayout layout, RunKey key, int attemptHint)
      throws IOException {
    Path run = layout.runDir(key);
    if (!Files.exists(run, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Path failed = run.getParent().resolve(ExperimentLayout.FAILED_DIR);
    Files.createDirectories(failed);
    int k = Math.max(1, attemptHint);
    Path dest = failed.resolve(Tiers.runDirName(key.run()) + "_attempt_" + k);
    while (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
      k++;
      dest = failed.resolve(Tiers.runDirName(key.run()) + "_attempt_" + k);
    }
    Files.move(run, dest, StandardCopyOption.ATOMIC_MOVE);
    return layout.relative(dest);
  }

  /**
   * Moves the entries of a judge slot directory that {@code which} chooses (never its {@code
   * .archive/} nor its {@code .repeats/}: repeat verdicts stay beside the slot) into {@code
   * .archive/<name>} (or the first free {@code <name>_2}, ...), creating the slot directory if
   * needed.
   *
   * @return where they went, relative to the slot directory ({@code .archive/<name>}), or null when
   *     nothing was chosen
   */
  public static String archiveSlotEntries(
      Path slotDir, String name, java.util.function.Predicate<String> which) throws IOException {
    Files.createDirectories(slotDir);
    java.util.List<Path> move = new java.util.ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(slotDir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.equals(RunFiles.Slot.ARCHIVE) && !n.equals(RunFiles.Slot.REPEATS) && which.test(n)) {
          move.add(p);
        }
      }
    }
    if (move.isEmpty()) {
      return null;
    }
    move.sort(null);
    Path archive = slotDir.resolve(RunFiles.Slot.ARCHIVE);
    Path dest = archive.resolve(name);
    for (int k = 2; Files.exists(dest, LinkOption.NOFOLLOW_LINKS); k++) {
      dest = archive.resolve(name + "_" + k);
    }
    Files.createDirectories(dest);
    for (Path p : move) {
      Files.move(p, dest.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
    }
    return RunFiles.Slot.ARCHIVE + "/" + dest.getFileName();
  }
}
