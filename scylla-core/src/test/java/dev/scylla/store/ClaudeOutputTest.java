package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.model.AgentResult;
import dev.scylla.model.TokenStats;
import dev.scylla.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClaudeOutputTest {
  @Test
  void parsesTheJsonResult() {
    String stdout =
        "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":6,"
            + "\"result\":\"done\",\"total_cost_usd\":0.135,\"usage\":{\"input_tokens\":29,"
            + "\"cache_creation_input_tokens\":23106,\"cache_read_input_tokens\":112686,"
            + "\"output_tokens\":656}}\n";
    ClaudeOutput o = ClaudeOutput.parse(stdout).orElseThrow();
    assertThat(o.usage()).isEqualTo(new TokenStats(29, 656, 23106, 112686));
    assertThat(o.numTurns()).isEqualTo(6);
    assertThat(o.totalCostUsd()).isEqualTo(0.135);
    assertThat(o.isError()).isFalse();
    assertThat(o.text()).isEqualTo("done");
  }

  @Test
  void parsesStreamJsonAndFallsBackToAssistantText() {
    String stdout =
        "{\"type\":\"system\",\"subtype\":\"init\"}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
            + "{\"type\":\"tool_use\"},{\"type\":\"text\",\"text\":\"b\"}]}}\n"
            + "{\"type\":\"result\",\"is_error\":false,\"result\":\"\",\"usage\":{\"input_tokens\":5}}\n";
    ClaudeOutput o = ClaudeOutput.parse(stdout).orElseThrow();
    assertThat(o.text()).isEqualTo("ab");
    assertThat(o.usage().inputTokens()).isEqualTo(5);
    assertThat(o.numTurns()).isNull();
  }

  @Test
  void noResultInGarbageOrPlainText() {
    assertThat(ClaudeOutput.parse("")).isEmpty();
    assertThat(ClaudeOutput.parse("Hello")).isEmpty();
    assertThat(ClaudeOutput.parse("{\"type\":\"result\",\"num_tur")).isEmpty();
    assertThat(ClaudeOutput.parse("{\"type\":\"assistant\"}")).isEmpty();
  }

  @Test
  void agreesWithTheRecordedAgentResults() throws Exception {
    Path exp = SharedFixtures.dryrun();
    List<Path> runs;
    try (Stream<Path> s = Files.walk(exp)) {
      runs =
          s.filter(p -> p.getFileName().toString().equals("stdout.log"))
              .filter(p -> p.getParent().getFileName().toString().equals("agent"))
              .toList();
    }
    assertThat(runs).hasSize(7);
    for (Path stdout : runs) {
      AgentResult recorded =
          FileReads.readJson(stdout.resolveSibling("result.json"), ModelJson::agentResult).orNull();
      ClaudeOutput o = ClaudeOutput.parse(Files.readString(stdout)).orElseThrow();
      assertThat(o.usage()).as(stdout.toString()).isEqualTo(recorded.tokenStats());
      assertThat(o.totalCostUsd()).isEqualTo(recorded.costUsd());
      assertThat(o.numTurns()).isEqualTo(recorded.apiCalls());
    }
  }

  // ------------------------------------------------ the judge's view: events, answer, error

  private static String streamJson(String text) {
    String quoted = Json.writeCompact(Json.nodes().textNode(text));
    return "{\"type\":\"system\",\"subtype\":\"init\"}\n"
        + "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":"
        + quoted
        + "}]}}\n"
        + "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":"
        + quoted
        + "}\n";
  }

  @Test
  void streamJsonAnswerIsTheResultEventWhenNotBlank() {
    assertThat(ClaudeOutput.responseText(streamJson("the answer"))).isEqualTo("the answer");
    assertThat(ClaudeOutput.events(streamJson("x"))).hasSize(3);
  }

  @Test
  void streamJsonAnswerFallsBackToTheAssistantTextBlocksWhenTheResultIsEmpty() {
    String out =
        "{\"type\":\"system\",\"subtype\":\"init\"}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"part one, \"},"
            + "{\"type\":\"tool_use\",\"name\":\"x\"}]}}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"part two\"}]}}\n"
            + "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"\"}\n";
    assertThat(ClaudeOutput.responseText(out)).isEqualTo("part one, part two");
    assertThat(ClaudeOutput.parse(out).orElseThrow().text()).isEqualTo("part one, part two");
  }

  @Test
  void jsonOutputIsOneResultObject() {
    String out = "{\"type\":\"result\",\"is_error\":false,\"result\":\"{\\\"score\\\": 1}\"}";
    assertThat(ClaudeOutput.responseText(out)).isEqualTo("{\"score\": 1}");
  }

  @Test
  void plainTextIsTheAnswerItself() {
    String text = "Let me evaluate.\n```json\n{\"score\": 0.9}\n```\n";
    assertThat(ClaudeOutput.responseText(text)).isEqualTo(text);
    // a verdict printed as plain text is an object without "type": it stays text
    assertThat(ClaudeOutput.responseText("{\"score\": 0.9}")).isEqualTo("{\"score\": 0.9}");
    assertThat(ClaudeOutput.events(text)).isEmpty();
  }

  @Test
  void errorEventsAreFound() {
    String out = "{\"type\":\"result\",\"is_error\":true,\"error\":{\"message\":\"boom\"}}";
    assertThat(ClaudeOutput.errorEvent(out)).isPresent();
    assertThat(ClaudeOutput.errorText(ClaudeOutput.errorEvent(out).get())).contains("boom");
    assertThat(ClaudeOutput.errorEvent(streamJson("ok"))).isEmpty();
    String maxTurns =
        "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,"
            + "\"errors\":[\"Reached maximum number of turns (1)\"]}";
    assertThat(ClaudeOutput.errorText(ClaudeOutput.errorEvent(maxTurns).orElseThrow()))
        .isEqualTo("Reached maximum number of turns (1)");
  }
}
