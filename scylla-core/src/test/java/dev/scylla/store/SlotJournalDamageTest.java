package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.status.Classifier;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A slot without judgment.json is classified from its recorded failure: failure.json, the
 * reference's error.log or failed timing.json, and at last the attempt journal's last attempt.
 */
class SlotJournalDamageTest {
  @TempDir Path tmp;
  Path exp;
  Path slot;
  static final RunKey KEY = new RunKey("T0", "00", 1);

  @BeforeEach
  void setUp() throws Exception {
    exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("exp"));
    slot = exp.resolve("T0/00/run_01/judge/judge_01");
    Files.delete(slot.resolve("judgment.json"));
    Files.delete(slot.resolve("timing.json"));
  }

  SlotView view() {
    ExperimentStore s = ExperimentStore.open(exp);
    RunMatrix m = s.matrix(new ArrayList<>());
    return Classifier.classify(s.readRun(KEY, m)).slots().get(0);
  }

  static String journal(String lastOutcome) {
    return "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"outcome\": \"failed\", \"reason\":"
        + " \"first\"}, {\"attempt\": 2, \"outcome\": \""
        + lastOutcome
        + "\", \"reason\": \"second\"}]}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "failed|FAILED|judge failed: second",
        "rate_limited|FAILED|judge failed: rate limited: second",
        "config_error|FAILED|judge failed: config error: second",
        "started|PARTIAL|holds no judgment and no recorded failure",
        "interrupted|PARTIAL|holds no judgment and no recorded failure",
        "cancelled|PARTIAL|holds no judgment and no recorded failure",
      })
  void theLastAttemptDecides(String outcome, SlotStatus status, String reason) throws Exception {
    Files.writeString(slot.resolve("attempts.json"), journal(outcome));
    SlotView v = view();
    assertThat(v.status()).isEqualTo(status);
    assertThat(v.reason()).contains(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "truncated|{\"version\": 1, \"att|attempt journal is corrupt (not valid JSON",
        "empty file||attempt journal is corrupt (empty file)",
        "no list|{\"version\": 1, \"attempts\": {}}|attempt journal is corrupt (no attempts list)",
        "wrong type|[1, 2]|attempt journal is corrupt (expected a JSON object",
      })
  void aDamagedJournalIsARecordedFailure(String name, String content, String reason)
      throws Exception {
    Files.writeString(slot.resolve("attempts.json"), content == null ? "" : content);
    SlotView v = view();
    assertThat(v.status()).isEqualTo(SlotStatus.FAILED);
    assertThat(v.reason()).contains(reason);
  }

  @Test
  void anEmptyJournalIsPartialAndTheFailureRecordWinsOverTheJournal() throws Exception {
    Files.writeString(slot.resolve("attempts.json"), "{\"version\": 1, \"attempts\": []}");
    assertThat(view().status()).isEqualTo(SlotStatus.PARTIAL);
    Files.writeString(slot.resolve("attempts.json"), journal("failed"));
    Files.writeString(
        slot.resolve("failure.json"),
        "{\"attempt\": 2, \"kind\": \"failed\", \"reason\": \"from failure.json\", \"at\": \"x\"}");
    assertThat(view().reason()).isEqualTo("judge failed: from failure.json");
  }
}
