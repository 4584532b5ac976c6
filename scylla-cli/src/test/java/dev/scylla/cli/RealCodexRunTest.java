package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.testing.EndToEnd;
import dev.scylla.testing.FakeResponsesApi;
import dev.scylla.testing.RealClis;
import dev.scylla.workspace.DemoKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scylla run --agent codex} end to end with the <b>real</b> Codex CLI against a fake
 * Responses API on 127.0.0.1 whose every answer is a limit: the command must end, with exit 1,
 * within {@code --max-wait}, spending no retry budget and leaving the run resumable.
 */
@EndToEnd
class RealCodexRunTest {
  @TempDir Path tmp;

  private Process run(ChildCli cli, DemoKit.Materialized kit, Path results) throws Exception {
    return cli.launch(
        ChildCli.oneRunArgs(
            kit, results, "--agent", "codex", "--model", "gpt-5-codex", "--max-wait", "6"));
  }

  private ChildCli cli(FakeResponsesApi api, Path codex) throws Exception {
    List<String> env = new ArrayList<>();
    env.add("SCYLLA_CODEX=" + codex);
    env.add("HOME=" + Files.createDirectories(tmp.resolve("home")));
    env.add("OPENAI_BASE_URL=" + api.baseUrl());
    env.add("OPENAI_API_KEY=sk-fake-key-for-tests");
    return new ChildCli(tmp, env);
  }

  @Test
  void aPermanentRateLimitEndsWithExit1WithinMaxWaitSpendingNoBudget() throws Exception {
    Path codex = RealClis.codex();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeResponsesApi api = FakeResponsesApi.start()) {
      api.otherwise(FakeResponsesApi.Failure.rateLimit());
      ChildCli cli = cli(api, codex);
      Path results = tmp.resolve("results");
      Process p = run(cli, kit, results);
      int rc = p.waitFor();
      String out = cli.lastOutput();

      assertThat(rc).as("exit code when a limit outlasts --max-wait\n" + out).isEqualTo(1);
      assertThat(out)
          .contains("rate limit for gpt-5-codex did not lift")
          .contains("--max-wait 6 s");
      Path exp = ChildCli.single(results);
      RunView v = ChildCli.status(exp).items().get(0);
      assertThat(v.status()).isEqualTo(RunStatus.FAILED);
      assertThat(v.budgetSpent()).as("rate limits spend no budget").isFalse();
      JsonNode attempts = ChildCli.journalAttempts(exp, "T0/00/run_01");
      assertThat(attempts.size()).isPositive();
      for (JsonNode a : attempts) {
        assertThat(a.get("outcome").asText()).isEqualTo("rate_limited");
      }
      assertThat(Files.exists(exp.resolve("T0/00/run_01/judge"))).isFalse();
    }
  }

  @Test
  void anExhaustedQuotaStopsLaunchingAtOnce() throws Exception {
    Path codex = RealClis.codex();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeResponsesApi api = FakeResponsesApi.start()) {
      api.otherwise(FakeResponsesApi.Failure.quota());
      ChildCli cli = cli(api, codex);
      Path results = tmp.resolve("results");
      int rc = run(cli, kit, results).waitFor();
      String out = cli.lastOutput();

      assertThat(rc).as(out).isEqualTo(1);
      assertThat(out).contains("rate limit for gpt-5-codex did not lift: a hard usage limit");
      Path exp = ChildCli.single(results);
      JsonNode attempts = ChildCli.journalAttempts(exp, "T0/00/run_01");
      assertThat(attempts).hasSize(1);
      assertThat(ChildCli.status(exp).items().get(0).budgetSpent()).isFalse();
    }
  }
}
