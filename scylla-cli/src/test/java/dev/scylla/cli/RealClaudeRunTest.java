package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.StatusReport;
import dev.scylla.testing.EndToEnd;
import dev.scylla.testing.FakeMessagesApi;
import dev.scylla.testing.RealClis;
import dev.scylla.workspace.DemoKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scylla run} end to end with the <b>real</b> Claude Code CLI against a fake Messages API
 * that answers every call with HTTP 500: each run must be re-run within its budget of 3 attempts,
 * end {@code failed} with the budget spent, and never be judged (the judges' calls, which offer no
 * tools, never reach the API).
 */
@EndToEnd
class RealClaudeRunTest {
  @TempDir Path tmp;

  @Test
  void runsWhoseAgentOnlyGetsApiErrorsFailWithinTheirBudgetAndAreNeverJudged() throws Exception {
    Path claude = RealClis.claude();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeMessagesApi api = FakeMessagesApi.start()) {
      api.otherwise(FakeMessagesApi.Failure.of(500));
      List<String> env = new ArrayList<>();
      env.add("SCYLLA_CLAUDE=" + claude);
      env.add("HOME=" + Files.createDirectories(tmp.resolve("home")));
      env.add("IS_SANDBOX=1");
      api.claudeEnv().forEach((k, v) -> env.add(k + "=" + v));
      ChildCli cli = new ChildCli(tmp, env);
      Path results = tmp.resolve("results");
      Process p = cli.launch(ChildCli.oneRunArgs(kit, results));
      int rc = p.waitFor();

      assertThat(rc).as("exit code of a run whose agents all failed").isNotZero();
      Path exp = ChildCli.single(results);
      StatusReport r = ChildCli.status(exp);
      assertThat(r.counts().totalRuns()).isEqualTo(1);
      assertThat(r.counts().runs(RunStatus.FAILED)).isEqualTo(1);
      RunView v = r.items().get(0);
      assertThat(v.budgetSpent()).isTrue();
      // three agent attempts, each one call offering the agent's tools; no judge call at all
      assertThat(api.turns()).hasSize(3);
      assertThat(api.turns()).allSatisfy(t -> assertThat(t.toolNames()).isNotEmpty());
      assertThat(Files.exists(exp.resolve("T0/00/run_01/judge"))).isFalse();
      JsonNode attempts = ChildCli.journalAttempts(exp, "T0/00/run_01");
      assertThat(attempts).hasSize(3);
      assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("failed");
      assertThat(attempts.get(0).get("reason").asText()).contains("claude reported API error 500");
    }
  }

  @Test
  void aPermanentRateLimitEndsWithExit1WithinMaxWaitSpendingNoBudgetAndStaysResumable()
      throws Exception {
    Path claude = RealClis.claude();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeMessagesApi api = FakeMessagesApi.start()) {
      api.otherwise(FakeMessagesApi.Failure.of(429));
      List<String> env = new ArrayList<>();
      env.add("SCYLLA_CLAUDE=" + claude);
      env.add("HOME=" + Files.createDirectories(tmp.resolve("home")));
      env.add("IS_SANDBOX=1");
      api.claudeEnv().forEach((k, v) -> env.add(k + "=" + v));
      // the CLI retries once itself, announcing the 1 s retry-after it honours
      env.add("CLAUDE_CODE_MAX_RETRIES=1");
      ChildCli cli = new ChildCli(tmp, env);
      Path results = tmp.resolve("results");
      Process p = cli.launch(ChildCli.oneRunArgs(kit, results, "--max-wait", "6"));
      int rc = p.waitFor();
      String out = cli.lastOutput();

      assertThat(rc).as("exit code when a limit outlasts --max-wait\n" + out).isEqualTo(1);
      assertThat(out)
          .contains("rate limit for claude-sonnet-4-6 did not lift")
          .contains("--max-wait 6 s");
      Path exp = ChildCli.single(results);
      RunView v = ChildCli.status(exp).items().get(0);
      assertThat(v.status()).isEqualTo(RunStatus.FAILED);
      assertThat(v.budgetSpent()).as("rate limits spend no budget").isFalse();
      JsonNode attempts = ChildCli.journalAttempts(exp, "T0/00/run_01");
      assertThat(attempts.size()).isBetween(2, 6);
      for (JsonNode a : attempts) {
        assertThat(a.get("outcome").asText()).isEqualTo("rate_limited");
      }
      assertThat(Files.exists(exp.resolve("T0/00/run_01/judge"))).isFalse();
    }
  }
}
