package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliOutputTest {
  @Test
  void streamJsonTakesTheResultEventWhenNotBlank() {
    String out = JudgeTesting.streamJson("the answer");
    assertThat(CliOutput.responseText(out)).isEqualTo("the answer");
  }

  @Test
  void streamJsonFallsBackToTheAssistantTextBlocksWhenTheResultIsEmpty() {
    String out =
        "{\"type\":\"system\",\"subtype\":\"init\"}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"part one, \"},"
            + "{\"type\":\"tool_use\",\"name\":\"x\"}]}}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"part two\"}]}}\n"
            + "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"\"}\n";
    assertThat(CliOutput.responseText(out)).isEqualTo("part one, part two");
  }

  @Test
  void jsonOutputIsOneResultObject() {
    String out = "{\"type\":\"result\",\"is_error\":false,\"result\":\"{\\\"score\\\": 1}\"}";
    assertThat(CliOutput.responseText(out)).isEqualTo("{\"score\": 1}");
  }

  @Test
  void plainTextIsTheAnswerItself() {
    String text = "Let me evaluate.\n```json\n{\"score\": 0.9}\n```\n";
    assertThat(CliOutput.responseText(text)).isEqualTo(text);
    // a verdict printed as plain text is an object without "type": it stays text
    assertThat(CliOutput.responseText("{\"score\": 0.9}")).isEqualTo("{\"score\": 0.9}");
  }

  @Test
  void errorEventsAreFound() {
    String out = "{\"type\":\"result\",\"is_error\":true,\"error\":{\"message\":\"boom\"}}";
    assertThat(CliOutput.errorEvent(out)).isPresent();
    assertThat(CliOutput.errorText(CliOutput.errorEvent(out).get())).contains("boom");
    assertThat(CliOutput.errorEvent(JudgeTesting.streamJson("ok"))).isEmpty();
  }
}
