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
 * {@code scylla run} end to end with the <b>real</b> Claude Code CLI (agent and judge) against a
 * fake Messages API: a run that works is judged with no tool offered to the judge and its exact
 * spend recorded; a run whose agent only gets HTTP 500 is re-run within its budget of 3 attempts,
 * ends {@code failed} with the budget spent and is never judged; a permanent 429 ends within {@code
 * --max-wait}; and as root without a declared sandbox nothing is launched twice.
 */
@EndToEnd
class RealClaudeRunTest {
  @TempDir Path tmp;

  private List<String> realClaudeEnv(Path claude, FakeMessagesApi api) throws Exception {
    List<String> env = new ArrayList<>();
    env.add("SCYLLA_CLAUDE=" + claude);
    env.add("HOME=" + Files.createDirectories(tmp.resolve("home")));
    env.add("IS_SANDBOX=1");
    api.claudeEnv().forEach((k, v) -> env.add(k + "=" + v));
    return env;
  }

  @Test
  void aRunThatWorksIsJudgedWithoutToolsAndItsAgentAndJudgeSpendAreRecorded() throws Exception {
    Path claude = RealClis.claude();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeMessagesApi api = FakeMessagesApi.start()) {
      FakeMessagesApi.Usage agentFirst = new FakeMessagesApi.Usage(1000, 4000, 0, 60);
      FakeMessagesApi.Usage agentSecond = new FakeMessagesApi.Usage(200, 100, 4000, 20);
      FakeMessagesApi.Usage judgeUsage = new FakeMessagesApi.Usage(3000, 0, 0, 400);
      api.script(
          new FakeMessagesApi.ToolUse(
              "Bash",
              "{\"command\":\"echo hello > hello.py\",\"description\":\"Write hello.py\"}",
              agentFirst),
          new FakeMessagesApi.Text("Created hello.py.", agentSecond));
      api.otherwise(new FakeMessagesApi.Text(ChildCli.fullMarks(kit.testDir()), judgeUsage));
      ChildCli cli = new ChildCli(tmp, realClaudeEnv(claude, api));
      Path results = tmp.resolve("results");
      int rc = cli.launch(ChildCli.oneRunArgs(kit, results, "--keep-workspaces")).waitFor();
      String out = cli.lastOutput();

      assertThat(rc).as("exit code of a run that worked\n" + out).isZero();
      Path exp = ChildCli.single(results);
      StatusReport r = ChildCli.status(exp);
      assertThat(r.counts().runs(RunStatus.COMPLETED)).as(out).isEqualTo(1);
      assertThat(r.allDone()).isTrue();
      Path run = exp.resolve("T0/00/run_01");
      JsonNode agent =
          dev.scylla.store.Json.parse(Files.readAllBytes(run.resolve("agent/result.json")));
      assertThat(agent.at("/token_stats/input_tokens").asLong()).isEqualTo(1200);
      assertThat(agent.at("/token_stats/output_tokens").asLong()).isEqualTo(80);
      assertThat(agent.at("/token_stats/cache_creation_tokens").asLong()).isEqualTo(4100);
      assertThat(agent.at("/token_stats/cache_read_tokens").asLong()).isEqualTo(4000);
      // the judge: one call, offered no tool at all, its verdict counted, its spend recorded
      List<FakeMessagesApi.Request> judgeCalls =
          api.turns().stream().filter(t -> t.toolNames().isEmpty()).toList();
      assertThat(judgeCalls).hasSize(1);
      assertThat(api.turns()).hasSize(3);
      JsonNode rr = dev.scylla.store.Json.parse(Files.readAllBytes(run.resolve("run_result.json")));
      assertThat(rr.get("judge_score").asDouble()).isEqualTo(1.0);
      assertThat(rr.get("judge_passed").asBoolean()).isTrue();
      JsonNode attempts =
          dev.scylla.store.Json.parse(
              Files.readAllBytes(run.resolve("judge/judge_01/attempts.json")));
      JsonNode spend = attempts.at("/attempts/0/call_spend/0");
      assertThat(spend.at("/token_stats/input_tokens").asLong()).isEqualTo(3000);
      assertThat(spend.at("/token_stats/output_tokens").asLong()).isEqualTo(400);
      assertThat(spend.get("cost_usd").asDouble())
          .as("the judge call's cost as the CLI reports it, from the price table")
          .isCloseTo(
              dev.scylla.model.Pricing.estimate(
                  "claude-sonnet-4-6", new dev.scylla.model.TokenStats(3000, 400, 0, 0)),
              org.assertj.core.api.Assertions.within(1e-9));
      assertThat(r.counts().judgeSpend().calls()).isEqualTo(1);
      assertThat(r.counts().judgeSpend().costUsd()).isPositive();
      assertThat(Files.readString(run.resolve("workspace/hello.py")))
          .as("the agent's Bash call ran in its worktree")
          .isEqualTo("hello\n");
    }
  }

  @Test
  void asRootWithoutADeclaredSandboxTheRunStopsAtTheFirstLaunchAndSpendsNothing() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        RealClis.isRoot(), "the CLI refuses to skip permissions only as root");
    Path claude = RealClis.claude();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeMessagesApi api = FakeMessagesApi.start()) {
      List<String> env = realClaudeEnv(claude, api);
      env.remove("IS_SANDBOX=1");
      ChildCli cli = new ChildCli(tmp, env);
      Path results = tmp.resolve("results");
      List<String> args = new ArrayList<>(ChildCli.oneRunArgs(kit, results));
      args.set(args.indexOf("--runs") + 1, "3");
      int rc = cli.launch(args).waitFor();
      String out = cli.lastOutput();

      assertThat(rc).as(out).isNotZero();
      assertThat(out).contains("IS_SANDBOX=1");
      assertThat(api.messageCalls()).as("no API call was made").isEmpty();
      Path exp = ChildCli.single(results);
      for (RunView v : ChildCli.status(exp).items()) {
        assertThat(v.budgetSpent()).as(v.key().label() + " spent no budget").isFalse();
      }
      // one launch refused, then no more: the other runs were never started
      JsonNode first = ChildCli.journalAttempts(exp, "T0/00/run_01");
      assertThat(first).hasSizeLessThanOrEqualTo(1);
      assertThat(Files.exists(exp.resolve("T0/00/run_02/agent"))).isFalse();
      assertThat(Files.exists(exp.resolve("T0/00/run_03/agent"))).isFalse();
    }
  }

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
