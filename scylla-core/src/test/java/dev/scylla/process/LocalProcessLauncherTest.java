package dev.scylla.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessLauncherTest {
  @TempDir Path tmp;
  private final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(500));

  private ProcessSpec sh(String script) {
    return ProcessSpec.of(
        List.of("sh", "-c", script), tmp.resolve("out.log"), tmp.resolve("err.log"));
  }

  @Test
  void capturesOutputExitCodeAndStdin() throws Exception {
    ProcessOutcome o =
        launcher.run(
            sh("cat; echo oops >&2; exit 3").withStdin("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.timedOut()).isFalse();
    assertThat(Files.readString(tmp.resolve("out.log"))).isEqualTo("hello");
    assertThat(Files.readString(tmp.resolve("err.log"))).isEqualTo("oops\n");
  }

  @Test
  void environmentAndWorkingDirectoryApply() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("wd"));
    ProcessOutcome o =
        launcher.run(sh("pwd; echo $SCYLLA_X").withCwd(dir).withEnv(Map.of("SCYLLA_X", "42")));
    assertThat(o.succeeded()).isTrue();
    assertThat(Files.readString(tmp.resolve("out.log"))).isEqualTo(dir.toRealPath() + "\n42\n");
  }

  @Test
  void timeoutKillsTheWholeTreeIncludingDetachedGrandchildren() throws Exception {
    Path pidFile = tmp.resolve("grandchild.pid");
    ProcessOutcome o =
        launcher.run(
            sh("(sleep 300 & echo $! > " + pidFile + "; wait) & sleep 300")
                .withTimeout(Duration.ofMillis(700)));
    assertThat(o.timedOut()).isTrue();
    assertThat(o.elapsed()).isLessThan(Duration.ofSeconds(20));
    long grandchild = Long.parseLong(Files.readString(pidFile).trim());
    // the grandchild must be gone (or a zombie about to be reaped by init)
    for (int i = 0;
        i < 50 && ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false);
        i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void creditedTimeDoesNotCountAgainstTheTimeout() throws Exception {
    // the process announces a 3 s wait after half a second; the credit grants it once announced
    Path said = tmp.resolve("said");
    TimeoutCredit credit = () -> Files.exists(said) ? Duration.ofSeconds(3) : Duration.ZERO;
    ProcessOutcome o =
        launcher.run(
            sh("sleep 0.5; touch '" + said + "'; sleep 2; echo done")
                .withTimeout(Duration.ofSeconds(1))
                .withCredit(credit));
    assertThat(o.timedOut()).isFalse();
    assertThat(o.exitCode()).isZero();
    assertThat(tmp.resolve("out.log")).hasContent("done");

    // without the announcement the same process times out at its limit
    ProcessOutcome late =
        launcher.run(
            sh("sleep 2; echo done")
                .withTimeout(Duration.ofSeconds(1))
                .withCredit(() -> Duration.ZERO));
    assertThat(late.timedOut()).isTrue();
  }

  @Test
  void cancellationKillsARunningProcess() throws Exception {
    Cancellation c = new Cancellation();
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              c.cancel();
            });
    t.start();
    ProcessOutcome o = launcher.run(sh("sleep 300"), c);
    assertThat(o.cancelled()).isTrue();
    assertThat(o.succeeded()).isFalse();
    assertThat(o.elapsed()).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void missingProgramIsAClearStartError() {
    assertThatThrownBy(
            () ->
                launcher.run(
                    ProcessSpec.of(
                        List.of("no-such-program-xyz"), tmp.resolve("o"), tmp.resolve("e"))))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("no-such-program-xyz")
        .hasMessageContaining("not found on PATH");
  }

  @Test
  void missingWorkingDirectoryIsAClearStartError() {
    assertThatThrownBy(() -> launcher.run(sh("true").withCwd(tmp.resolve("gone"))))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void capturedRunReturnsText() throws Exception {
    Captured c =
        Captured.run(
            launcher,
            List.of("sh", "-c", "printf 'a\\nb'"),
            null,
            Map.of(),
            Duration.ofSeconds(10));
    assertThat(c.ok()).isTrue();
    assertThat(c.stdout()).isEqualTo("a\nb");
  }
}
