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

  /** How the command ended, what it printed, and the experiment it made. */
  private record Ended(int rc, String out, Path exp) {}

  /**
   * {@code scylla run --agent codex} of one run of the demo kit with the real Codex CLI, against a
   * fake Responses API whose every answer is {@code failure}.
   */
  private Ended runAgainst(FakeResponsesApi.Failure failure) throws Exception {
    Path codex = RealClis.codex();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeResponsesApi api = FakeResponsesApi.start()) {
      api.otherwise(failure);
      List<String> env = new ArrayList<>();
      env.add("SCYLLA_CODEX=" + codex);
      env.add("HOME=" + Files.createDirectories(tmp.resolve("home")));
      env.add("OPENAI_BASE_URL=" + api.baseUrl());
      env.add("OPENAI_API_KEY=sk-fake-key-for-tests");
      ChildCli cli = new ChildCli(tmp, env);
      Path results = tmp.resolve("results");
      int rc =
          cli.launch(
                  ChildCli.oneRunArgs(
                      kit,
                      results,
                      "--agent",
                      "codex",
                      "--model",
                      "gpt-5-codex",
                      "--max-wait",
                      "6"))
              .waitFor();
      return new Ended(rc, cli.lastOutput(), ChildCli.single(results));
    }
  }

  @Test
  void aPermanentRateLimitEndsWithExit1WithinMaxWaitSpendingNoBudget() throws Exception {
    Ended e = runAgainst(FakeResponsesApi.Failure.rateLimit());
    String out = e.out();
    Path exp = e.exp();

    assertThat(e.rc()).as("exit code when a limit outlasts --max-wait\n" + out).isEqualTo(1);
    assertThat(out).contains("rate limit for gpt-5-codex did not lift").contains("--max-wait 6 s");
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

  @Test
  void anExhaustedQuotaStopsLaunchingAtOnce() throws Exception {
    Ended e = runAgainst(FakeResponsesApi.Failure.quota());
    Path exp = e.exp();

    assertThat(e.rc()).as(e.out()).isEqualTo(1);
    assertThat(e.out()).contains("rate limit for gpt-5-codex did not lift: a hard usage limit");
    JsonNode attempts = ChildCli.journalAttempts(exp, "T0/00/run_01");
    assertThat(attempts).hasSize(1);
    assertThat(ChildCli.status(exp).items().get(0).budgetSpent()).isFalse();
  }

  /** The text of the Responses API calls made from the worktree of {@code run}. */
  private static String callsFrom(FakeResponsesApi api, String run) {
    StringBuilder b = new StringBuilder();
    for (FakeResponsesApi.Request r : api.responseCalls()) {
      String body = String.valueOf(r.body());
      if (body.contains(run + "/workspace")) {
        b.append(body).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void aCodexExperimentOverT0AndT1GivesEachSubtestItsConfigurationInTheFormCodexReads()
      throws Exception {
    Path codex = RealClis.codex();
    Path claude = RealClis.claude();
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    try (FakeResponsesApi api = FakeResponsesApi.start();
        dev.scylla.testing.FakeMessagesApi judges = dev.scylla.testing.FakeMessagesApi.start()) {
      api.otherwise(new FakeResponsesApi.Message("Done.", FakeResponsesApi.Usage.SMALL));
      judges.otherwise(
          new dev.scylla.testing.FakeMessagesApi.Text(
              ChildCli.fullMarks(kit.testDir()), dev.scylla.testing.FakeMessagesApi.Usage.SMALL));
      List<String> env = new ArrayList<>();
      env.add("SCYLLA_CODEX=" + codex);
      env.add("SCYLLA_CLAUDE=" + claude);
      env.add("IS_SANDBOX=1");
      env.add("HOME=" + Files.createDirectories(tmp.resolve("home")));
      env.add("OPENAI_BASE_URL=" + api.baseUrl());
      env.add("OPENAI_API_KEY=sk-fake-key-for-tests");
      judges.claudeEnv().forEach((k, v) -> env.add(k + "=" + v));
      ChildCli cli = new ChildCli(tmp, env);
      Path results = tmp.resolve("results");
      List<String> args = new ArrayList<>(ChildCli.oneRunArgs(kit, results));
      // every subtest of T0 and T1
      int sub = args.indexOf("--subtests");
      args.remove(sub + 1);
      args.remove(sub);
      args.set(args.indexOf("--tiers") + 1, "T0,T1");
      args.addAll(List.of("--agent", "codex", "--model", "gpt-5-codex"));
      int rc = cli.launch(args).waitFor();
      String out = cli.lastOutput();
      assertThat(rc).as(out).isZero();
      Path exp = ChildCli.single(results);
      assertThat(ChildCli.status(exp).allDone()).as(out).isTrue();

      String block = Files.readString(kit.catalogueDir().resolve("blocks/B01-project-overview.md"));
      String blockLine = block.lines().filter(l -> l.length() > 40).findFirst().orElseThrow();
      // T0/00: nothing given
      JsonNode empty = given(exp, "T0/00/run_01");
      assertThat(empty.get("agent").asText()).isEqualTo("codex");
      assertThat(empty.get("instructions_file").isNull()).isTrue();
      assertThat(callsFrom(api, "T0/00/run_01")).isNotEmpty().doesNotContain(blockLine);
      // T0/02: the blocks, as AGENTS.md, which the CLI sent to the model
      JsonNode guidelines = given(exp, "T0/02/run_01");
      assertThat(guidelines.get("instructions_file").asText()).isEqualTo("AGENTS.md");
      assertThat(callsFrom(api, "T0/02/run_01")).contains(blockLine);
      // T1/01: the python skills, where Codex reads skills (it lists them to the model)
      JsonNode skills = given(exp, "T1/01/run_01");
      assertThat(skills.get("skills").toString()).contains("hello-script", "run-and-verify");
      assertThat(callsFrom(api, "T1/01/run_01"))
          .contains("hello-script")
          .contains("run-and-verify")
          .contains("hello-script/SKILL.md");
      // T1/02: a named skill and a sub-agent, whose definition Codex gets inside AGENTS.md
      JsonNode review = given(exp, "T1/02/run_01");
      assertThat(review.get("sub_agents").toString()).contains("python-reviewer");
      String reviewCalls = callsFrom(api, "T1/02/run_01");
      assertThat(reviewCalls).contains("self-review").contains("### python-reviewer");
      assertThat(reviewCalls).doesNotContain(".claude/");
    }
  }

  private static JsonNode given(Path exp, String run) throws Exception {
    return dev.scylla.store.Json.parse(
        Files.readAllBytes(exp.resolve(run).resolve("agent_configuration.json")));
  }
}
