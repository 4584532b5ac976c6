package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JudgingConfigTest {
  static ExperimentConfig config(String judging) throws Exception {
    ObjectNode o =
        (ObjectNode)
            Json.parse(
                "{\"experiment_id\": \"x\", \"judge_models\": [\"opus\", \"claude-haiku-4-5\"]"
                    + (judging == null ? "" : ", \"judging\": " + judging)
                    + "}");
    return ModelJson.config(o);
  }

  @Test
  void withoutTheKeyEveryModelUsesTheClaudeCliWithTwoAttempts() throws Exception {
    JudgingConfig j = JudgingConfig.of(config(null), Path.of("config/experiment.json"));
    assertThat(j.maxAttempts()).isEqualTo(2);
    assertThat(j.verdict()).isEqualTo(VerdictPolicy.FINAL);
    ClientSettings s = j.clientFor("claude-opus-4-6");
    assertThat(s.backend()).isEqualTo(ClientSettings.Backend.CLAUDE_CLI);
    assertThat(s.outputFormat()).isEqualTo("stream-json");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(1200));
  }

  @Test
  void perModelEntriesWinOverTheWildcardAndAliasesAreNormalised() throws Exception {
    JudgingConfig j =
        JudgingConfig.of(
            config(
                "{\"max_attempts\": 3, \"verdict\": \"first\", \"timeout_seconds\": 60,"
                    + " \"clients\": {\"*\": {\"backend\": \"claude-cli\", \"executable\":"
                    + " \"/opt/claude\", \"output_format\": \"text\"}, \"haiku\": {\"backend\":"
                    + " \"anthropic-api\", \"max_tokens\": 4000, \"temperature\": 0}, \"local\":"
                    + " {\"backend\": \"openai-compatible\", \"base_url\":"
                    + " \"http://127.0.0.1:11434/v1\", \"api_model\": \"qwen\", \"timeout_seconds\":"
                    + " 5}}}"),
            Path.of("cfg.json"));
    assertThat(j.maxAttempts()).isEqualTo(3);
    assertThat(j.verdict()).isEqualTo(VerdictPolicy.FIRST);
    ClientSettings haiku = j.clientFor("claude-haiku-4-5");
    assertThat(haiku.backend()).isEqualTo(ClientSettings.Backend.ANTHROPIC_API);
    assertThat(haiku.maxTokens()).isEqualTo(4000);
    assertThat(haiku.temperature()).isEqualTo(0.0);
    assertThat(haiku.timeout()).isEqualTo(Duration.ofSeconds(60));
    ClientSettings other = j.clientFor("claude-opus-4-6");
    assertThat(other.executable()).isEqualTo("/opt/claude");
    assertThat(other.outputFormat()).isEqualTo("text");
    ClientSettings local = j.clientFor("local");
    assertThat(local.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(local.apiModel()).isEqualTo("qwen");
    assertThat(local.timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not an object|[]|field \"judging\": expected an object, found an array",
        "attempts zero|{\"max_attempts\": 0}|field \"judging.max_attempts\": 0 is outside 1..100",
        "attempts text|{\"max_attempts\": \"two\"}|field \"judging.max_attempts\": expected an integer",
        "verdict|{\"verdict\": \"best\"}|field \"judging.verdict\": 'best' is neither final nor first",
        "timeout|{\"timeout_seconds\": -1.5}|field \"judging.timeout_seconds\": -1.5 is not positive",
        "backend|{\"clients\": {\"x\": {\"backend\": \"gemini\"}}}|field \"judging.clients.x.backend\": unknown backend 'gemini'",
        "format|{\"clients\": {\"x\": {\"output_format\": \"xml\"}}}|field \"judging.clients.x.output_format\"",
        "url|{\"clients\": {\"x\": {\"base_url\": \"ftp://h\"}}}|field \"judging.clients.x.base_url\"",
        "tokens|{\"clients\": {\"x\": {\"max_tokens\": \"many\"}}}|field \"judging.clients.x.max_tokens\": expected an integer",
        "client not object|{\"clients\": {\"x\": 3}}|field \"judging.clients.x\": expected an object",
      })
  void badSettingsAreBadInputNamingTheFileAndField(String name, String judging, String expected) {
    assertThatThrownBy(
            () -> JudgingConfig.of(config(judging), Path.of("exp/config/experiment.json")))
        .isInstanceOf(ScyllaException.class)
        .hasMessageStartingWith("exp/config/experiment.json: ")
        .hasMessageContaining(expected)
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
  }
}
