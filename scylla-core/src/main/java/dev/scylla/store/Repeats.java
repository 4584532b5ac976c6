package dev.scylla.store;

import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repeat verdicts of a judge slot (our addition): {@code judge/judge_NN/.repeats/repeat_K/}, K
 * from 1, each a slot directory of its own ({@code attempts.json} with the calls' spend, {@code
 * judgment.json}, {@code response.txt}, ...) holding one more verdict of the slot's judge on the
 * run's stored {@code judge_prompt.md}. They never replace the slot's verdict, its consensus or
 * {@code run_result.json}, and the classification of the slot ignores them.
 */
public final class Repeats {
  private static final Pattern NAME = Pattern.compile("repeat_([0-9]{1,6})");

  private Repeats() {}

  /** One stored repeat: its number, directory and verdict as read. */
  public record Repeat(int number, Path dir, Loaded<Judgment> judgment) {}

  /** {@code <slotDir>/.repeats/repeat_K}. */
  public static Path dir(Path slotDir, int k) {
    return slotDir.resolve(RunFiles.Slot.REPEATS).resolve("repeat_" + k);
  }

  /**
   * The number the next repeat takes: one above the highest present (interrupted ones included, so
   * numbering continues and nothing is overwritten).
   */
  public static int next(Path slotDir) {
    int max = 0;
    for (String n : ExperimentStore.listDirNames(slotDir.resolve(RunFiles.Slot.REPEATS))) {
      Matcher m = NAME.matcher(n);
      if (m.matches()) {
        max = Math.max(max, Integer.parseInt(m.group(1)));
      }
    }
    return max + 1;
  }

  /** The repeats of a slot, by number; empty when it has none. */
  public static List<Repeat> of(Path slotDir) {
    List<Repeat> out = new ArrayList<>();
    Path root = slotDir.resolve(RunFiles.Slot.REPEATS);
    if (!Files.isDirectory(root)) {
      return out;
    }
    for (String n : ExperimentStore.listDirNames(root)) {
      Matcher m = NAME.matcher(n);
      if (m.matches()) {
        Path d = root.resolve(n);
        out.add(
            new Repeat(
                Integer.parseInt(m.group(1)),
                d,
                FileReads.readJson(d.resolve(RunFiles.Slot.JUDGMENT), ModelJson::judgment)));
      }
    }
    out.sort(java.util.Comparator.comparingInt(Repeat::number));
    return out;
  }
}
