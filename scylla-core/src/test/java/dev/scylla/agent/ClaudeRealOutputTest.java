package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.testing.InputFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against the shapes the real Claude Code CLI 2.1.197 prints when the API fails (see
 * ../shared/reference/claude-cli): a stand-in executable prints exactly such a result and exits as
 * the real CLI does, and the run must be classified as a user would expect.
 */
class ClaudeRealOutputTest {
  private static final String ZERO_USAGE =
      "\"total_cost_usd\":0,\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,"
          + "\"cache_read_input_tokens\":0,\"output_tokens\":0},\"modelUsage\":{}";

  @TempDir Path tmp;

  /** The result line the real CLI prints when it gives up on an API call that answered status. */
  private static String apiError(int status, String text) {
    return "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,"
        + "\"api_error_status\":"
        + status
        + ",\"num_turns\":1,\"result\":\""
        + text
        + "\","
        + ZERO_USAGE
        + "}\n";
  }

  private AgentOutcome run(String stdout, String stderr, int exit) throws Exception {
    Path exe = tmp.resolve("claude");
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Files.writeString(out, stdout);
    Files.writeString(err, stderr);
    InputFixtures.write(
        exe,
        "#!/usr/bin/env bash\ncat > /dev/null\ncat '"
            + out
            + "'\ncat '"
            + err
            + "' >&2\nexit "
            + exit
            + "\n");
    exe.toFile().setExecutable(true);
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    Path runDir = AgentRuns.runDir(exp);
    Path ws = Files.createDirectories(runDir.resolve("workspace"));
    AgentInvocation inv =
        AgentInvocation.of(runDir, ws, "# Task\n", "claude-sonnet-4-6")
            .withLabel("T0/00/run_01")
            .withTimeout(Duration.ofSeconds(30));
    ClaudeCodeAdapter a =
        new ClaudeCodeAdapter(
            new LocalProcessLauncher(Duration.ofMillis(500)),
            EventSink.NONE,
            exe.toString(),
            PromptMode.STDIN);
    return a.run(inv, Cancellation.never());
  }

  private RunStatus status() {
    return AgentRuns.status(tmp.resolve("exp"));
  }

  @Test
  void anApiError500IsAFailedRunNeverAResultToJudge() throws Exception {
    AgentOutcome o =
        run(
            apiError(
                500,
                "API Error: 500 Internal server error. This is a server-side issue, usually temporary."),
            "",
            1);
    assertThat(o).isInstanceOf(AgentOutcome.Failed.class);
    assertThat(((AgentOutcome.Failed) o).reason())
        .startsWith("claude reported API error 500: API Error: 500");
    assertThat(Files.readString(AgentRuns.runDir(tmp.resolve("exp")).resolve("agent/output.txt")))
        .isEmpty();
    assertThat(status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void anOverloaded529IsARateLimitNotAFailure() throws Exception {
    AgentOutcome o = run(apiError(529, "API Error: 529 Overloaded."), "", 1);
    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
    assertThat(status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void a429WithoutAnyLimitWordingIsStillARateLimit() throws Exception {
    AgentOutcome o = run(apiError(429, "API Error: Request rejected"), "", 1);
    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
  }

  @Test
  void rejectedCredentialsAreASetupProblem() throws Exception {
    AgentOutcome o = run(apiError(401, "API Error: 401 invalid x-api-key"), "", 1);
    assertThat(((AgentOutcome.Failed) o).reason())
        .startsWith(AgentOutcome.SETUP_PROBLEM)
        .contains("ANTHROPIC_API_KEY");
  }

  @Test
  void theRootRefusalIsASetupProblemNamingTheRemedy() throws Exception {
    AgentOutcome o =
        run(
            "",
            "--dangerously-skip-permissions cannot be used with root/sudo privileges for security"
                + " reasons\n",
            1);
    assertThat(((AgentOutcome.Failed) o).reason())
        .startsWith(AgentOutcome.SETUP_PROBLEM)
        .contains("IS_SANDBOX=1");
  }

  @Test
  void theRecordedTurnLimitResultIsAModelOutcomeJudgedAndCountedApart() throws Exception {
    // json_output_error_max_turns.json as the real CLI printed it (exit 1)
    AgentOutcome o =
        run(
            "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"duration_ms\":112,\"durati"
                + "on_api_ms\":29,\"is_error\":true,\"num_turns\":2,\"stop_reason\":\"tool_use\",\""
                + "session_id\":\"81ba1d50-25ca-485c-973c-d4db387f9bc8\",\"total_cost_usd\":0."
                + "02355,\"usage\":{\"input_tokens\":1200,\"cache_creation_input_tokens\":5000,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":80,\"server_tool_use\":{\"web"
                + "_search_requests\":0,\"web_fetch_requests\":0},\"service_tier\":\"standard\","
                + "\"cache_creation\":{\"ephemeral_1h_input_tokens\":0,\"ephemeral_5m_input_to"
                + "kens\":0},\"inference_geo\":\"\",\"iterations\":[],\"speed\":\"standard\"},\"model"
                + "Usage\":{\"claude-sonnet-4-6\":{\"inputTokens\":1200,\"outputTokens\":80,\"cac"
                + "heReadInputTokens\":0,\"cacheCreationInputTokens\":5000,\"webSearchRequest"
                + "s\":0,\"costUSD\":0.02355,\"contextWindow\":200000,\"maxOutputTokens\":32000}"
                + "},\"permission_denials\":[],\"terminal_reason\":\"max_turns\",\"fast_mode_sta"
                + "te\":\"off\",\"uuid\":\"ff76675e-2a0e-4426-bf72-7d08b024b105\",\"errors\":[\"Rea"
                + "ched maximum number of turns (1)\"]}"
                + "\n",
            "",
            1);
    assertThat(o).isInstanceOf(AgentOutcome.TurnLimited.class);
    assertThat(o.result().tokenStats().inputTokens()).isEqualTo(1200);
    assertThat(o.result().costUsd()).isEqualTo(0.02355);
    assertThat(Files.readString(AgentRuns.runDir(tmp.resolve("exp")).resolve("agent/output.txt")))
        .contains("error_max_turns");
    assertThat(AgentRuns.view(tmp.resolve("exp")).turnLimitReached()).isTrue();
    assertThat(status()).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void aSuccessfulResultIsStillFinished() throws Exception {
    AgentOutcome o =
        run(
            "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,"
                + "\"api_error_status\":null,\"num_turns\":2,\"result\":\"Created hello.py\","
                + "\"total_cost_usd\":0.027225,\"usage\":{\"input_tokens\":1350,"
                + "\"cache_creation_input_tokens\":5300,\"cache_read_input_tokens\":5000,"
                + "\"output_tokens\":120}}\n",
            "",
            0);
    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(o.result().tokenStats().inputTokens()).isEqualTo(1350);
    assertThat(o.result().costUsd()).isEqualTo(0.027225);
    assertThat(o.result().turnLimitReached()).isFalse();
    assertThat(AgentRuns.view(tmp.resolve("exp")).turnLimitReached()).isFalse();
    assertThat(status()).isEqualTo(RunStatus.RESULTS);
  }
}
