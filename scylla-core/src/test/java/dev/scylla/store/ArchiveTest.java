package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.model.RunKey;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one archive routine: runs to {@code .failed/}, slot files to {@code .archive/}. */
class ArchiveTest {
  @TempDir Path tmp;

  @Test
  void slotEntriesMoveToTheFirstFreeNameAndNothingIsOverwritten() throws Exception {
    Path slot = Files.createDirectories(tmp.resolve("judge_01"));
    Files.writeString(slot.resolve("judgment.json"), "first");
    Files.writeString(slot.resolve("attempts.json"), "journal");

    assertThat(Archive.archiveSlotEntries(slot, "rejudge", n -> !n.equals("attempts.json")))
        .isEqualTo(".archive/rejudge");
    Files.writeString(slot.resolve("judgment.json"), "second");
    assertThat(Archive.archiveSlotEntries(slot, "rejudge", n -> !n.equals("attempts.json")))
        .isEqualTo(".archive/rejudge_2");

    assertThat(slot.resolve(".archive/rejudge/judgment.json")).hasContent("first");
    assertThat(slot.resolve(".archive/rejudge_2/judgment.json")).hasContent("second");
    assertThat(slot.resolve("attempts.json")).as("not chosen: left in place").hasContent("journal");
    assertThat(slot.resolve("judgment.json")).doesNotExist();
    // nothing chosen: nothing moved, no empty archive directory
    assertThat(Archive.archiveSlotEntries(slot, "x", n -> false)).isNull();
    assertThat(slot.resolve(".archive/x")).doesNotExist();
  }

  @Test
  void aRunDirectoryMovesToTheFirstFreeAttemptNumber() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("exp"));
    ExperimentLayout layout = ExperimentStore.open(exp).layout();
    RunKey key = new RunKey("T0", "00", 1);
    Files.createDirectories(layout.runDir(key).getParent().resolve(".failed/run_01_attempt_1"));

    String to = Archive.archiveRun(layout, key, 1);

    assertThat(to).isEqualTo("T0/00/.failed/run_01_attempt_2");
    assertThat(layout.runDir(key)).doesNotExist();
    assertThat(Archive.archiveRun(layout, key, 1)).as("nothing left to archive").isNull();
  }
}
