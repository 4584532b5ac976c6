package dev.scylla.store;

import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves a run directory aside before it is run again: {@code <subtest>/.failed/run_NN_attempt_K},
 * the one naming scheme, with K the first number not taken, so nothing is ever overwritten.
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
}
