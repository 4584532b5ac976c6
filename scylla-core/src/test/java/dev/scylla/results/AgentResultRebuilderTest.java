package dev.scylla.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.model.AgentResult;
import dev.scylla.model.CommandLog;
import dev.scylla.model.TokenStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentResultRebuilderTest {
  static final String CLI =
      "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":6,"
          + "\"result\":\"Done\",\"total_cost_usd\":0.1351093,\"usage\":{\"input_tokens\":29,"
          + "\"cache_creation_input_tokens\":23106,\"cache_read_input_tokens\":112686,"
          + "\"output_tokens\":656}}";

  static CommandLog log(Integer exit) {
    return new CommandLog(
        "t",
        1,
        List.of(
            new CommandLog.Entry("t", List.of("claude"), "/w", Map.of(), exit, "o", "e", 35.3)));
  }

  @Test
  void oneJsonDocumentGivesCanonicalTokenNamesCostAndTurns() throws Exception {
    AgentResult r = AgentResultRebuilder.rebuild(CLI + "\n", "+ cd /w\n", log(0), "m");
    assertThat(r.exitCode()).isZero();
    assertThat(r.tokenStats()).isEqualTo(new TokenStats(29, 656, 23106, 112686));
    assertThat(r.tokenStats().tokensInput()).isEqualTo(112715);
    assertThat(r.costUsd()).isEqualTo(0.1351093);
    assertThat(r.apiCalls()).isEqualTo(6);
    assertThat(r.stdout()).isEqualTo(CLI + "\n");
    assertThat(r.stderr()).isEqualTo("+ cd /w\n");
    assertThat(dev.scylla.store.ModelJson.toJson(r).get("token_stats").has("cache_read_tokens"))
        .isTrue();
    assertThat(
            dev.scylla.store.ModelJson.toJson(r).get("token_stats").has("cache_read_input_tokens"))
        .isFalse();
  }

  @Test
  void streamJsonTakesTheLastResultLine() throws Exception {
    String stream =
        "{\"type\":\"system\",\"subtype\":\"init\"}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":[]}}\n"
            + "{\"type\":\"result\",\"num_turns\":2,\"total_cost_usd\":0.5,\"usage\":{\"input_tokens\":1}}\n"
            + "{\"type\":\"result\",\"num_turns\":3,\"total_cost_usd\":0.25,\"usage\":{\"input_tokens\":33,\"cache_read_input_tokens\":195735,\"output_tokens\":7}}\n";
    AgentResult r = AgentResultRebuilder.rebuild(stream, null, log(1), "m");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.apiCalls()).isEqualTo(3);
    assertThat(r.costUsd()).isEqualTo(0.25);
    assertThat(r.tokenStats().tokensInput()).isEqualTo(33 + 195_735);
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void truncatedStdoutIsABadPartNamingTheFile() {
    assertThatThrownBy(() -> AgentResultRebuilder.rebuild(CLI.substring(0, 80), "", log(0), "m"))
        .isInstanceOf(BadPartException.class)
        .hasMessageContaining("agent/stdout.log")
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> AgentResultRebuilder.rebuild("  \n", "", log(0), "m"))
        .hasMessageContaining("empty");
  }

  @Test
  void aCommandLogWithoutExitCodeIsABadPart() {
    assertThatThrownBy(() -> AgentResultRebuilder.rebuild(CLI, "", log(null), "m"))
        .isInstanceOf(BadPartException.class)
        .hasMessageContaining("agent/command_log.json");
    assertThatThrownBy(
            () -> AgentResultRebuilder.rebuild(CLI, "", new CommandLog("t", 0, List.of()), "m"))
        .hasMessageContaining("no command recorded");
  }

  @Test
  void missingCostFallsBackToThePriceTableAndMissingTurnsToTheHeuristic() throws Exception {
    String cli =
        "{\"usage\":{\"input_tokens\":1000000,\"output_tokens\":100000,"
            + "\"cache_read_input_tokens\":1000000},\"result\":\""
            + "x".repeat(120)
            + "\"}";
    AgentResult r = AgentResultRebuilder.rebuild(cli, "", log(0), "claude-haiku-4-5");
    assertThat(r.costUsd()).isEqualTo(2 * 1.0 + 0.1 * 5.0);
    assertThat(r.apiCalls()).isEqualTo(1);
    AgentResult unknown = AgentResultRebuilder.rebuild(cli, "", log(0), "claude-x-20250101");
    assertThat(unknown.costUsd()).isEqualTo(2 * 3.0 + 0.1 * 15.0);
    AgentResult quiet = AgentResultRebuilder.rebuild("{\"result\":\"ok\"}", "", log(0), "m");
    assertThat(quiet.apiCalls()).isZero();
    assertThat(quiet.costUsd()).isZero();
    assertThat(quiet.tokenStats()).isEqualTo(TokenStats.ZERO);
  }

  @Test
  void wrongTypedUsageIsABadPart() {
    assertThatThrownBy(
            () ->
                AgentResultRebuilder.rebuild(
                    "{\"usage\":{\"input_tokens\":\"many\"}}", "", log(0), "m"))
        .isInstanceOf(BadPartException.class)
        .hasMessageContaining("input_tokens");
    assertThatThrownBy(
            () -> AgentResultRebuilder.rebuild("{\"total_cost_usd\":\"free\"}", "", log(0), "m"))
        .hasMessageContaining("total_cost_usd");
  }
}
