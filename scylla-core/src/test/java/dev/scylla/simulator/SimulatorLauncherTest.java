package dev.scylla.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.store.ClaudeOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed launcher, run as a real process the way the reference runs its judges. */
class SimulatorLauncherTest {
  @TempDir Path tmp;

  @Test
  void theLauncherRunsTheSimulatorAsTheClaudeCommand() throws Exception {
    Path claude = SimulatorLauncher.install(tmp.resolve("bin"));
    assertThat(claude.getFileName().toString()).isEqualTo("claude");
    assertThat(Files.isExecutable(claude)).isTrue();
    assertThat(Files.readString(claude))
        .startsWith("#!/bin/sh\n")
        .contains(ClaudeSimulator.class.getName())
        .contains(System.getProperty("java.home"));

    Process v = new ProcessBuilder(claude.toString(), "--version").start();
    assertThat(new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(ClaudeSimulator.VERSION + "\n");
    assertThat(v.waitFor()).isZero();

    // the reference's judge invocation: prompt on stdin, no tools, a system prompt file
    Path system = tmp.resolve("system_prompt.md");
    Files.writeString(system, "Judge.\n");
    String prompt =
        SimulationTest.judgePrompt("- `hello.py` (created)\n", SimulationTest.GOOD_DIFF);
    Process j =
        new ProcessBuilder(
                List.of(
                    claude.toString(),
                    "--model",
                    "claude-opus-4-6",
                    "--print",
                    "--output-format",
                    "stream-json",
                    "--verbose",
                    "--dangerously-skip-permissions",
                    "--allowedTools",
                    "",
                    "--system-prompt-file",
                    system.toString()))
            .directory(tmp.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    j.getOutputStream().write(prompt.getBytes(StandardCharsets.UTF_8));
    j.getOutputStream().close();
    String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(j.waitFor()).isZero();
    ClaudeOutput o = ClaudeOutput.parse(out).orElseThrow();
    assertThat(o.isError()).isFalse();
    assertThat(o.text()).contains("\"passed\": true");
  }
}
