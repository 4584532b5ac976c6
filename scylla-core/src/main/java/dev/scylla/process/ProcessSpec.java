package dev.scylla.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run.
 *
 * @param command the program and its arguments; a bare program name is looked up on {@code PATH}
 * @param cwd the working directory; null for the current one
 * @param env variables to set (a null value removes the variable) on top of this process's
 *     environment
 * @param stdin bytes for standard input, or null for none (an empty stream)
 * @param stdout file that receives standard output (created or truncated)
 * @param stderr file that receives standard error (created or truncated)
 * @param timeout how long the process may run; null for no limit
 * @param credit time that does not count against {@code timeout} (see {@link TimeoutCredit}), or
 *     null for none
 */
public record ProcessSpec(
    List<String> command,
    Path cwd,
    Map<String, String> env,
    byte[] stdin,
    Path stdout,
    Path stderr,
    Duration timeout,
    TimeoutCredit credit) {

  public ProcessSpec(
      List<String> command,
      Path cwd,
      Map<String, String> env,
      byte[] stdin,
      Path stdout,
      Path stderr,
      Duration timeout) {
    this(command, cwd, env, stdin, stdout, stderr, timeout, null);
  }

  public ProcessSpec {
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    env =
        env == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  public static ProcessSpec of(List<String> command, Path stdout, Path stderr) {
    return new ProcessSpec(command, null, Map.of(), null, stdout, stderr, null);
  }

  public ProcessSpec withCwd(Path dir) {
    return new ProcessSpec(command, dir, env, stdin, stdout, stderr, timeout, credit);
  }

  public ProcessSpec withEnv(Map<String, String> vars) {
    return new ProcessSpec(command, cwd, vars, stdin, stdout, stderr, timeout, credit);
  }

  public ProcessSpec withStdin(byte[] bytes) {
    return new ProcessSpec(command, cwd, env, bytes, stdout, stderr, timeout, credit);
  }

  public ProcessSpec withTimeout(Duration t) {
    return new ProcessSpec(command, cwd, env, stdin, stdout, stderr, t, credit);
  }

  public ProcessSpec withCredit(TimeoutCredit c) {
    return new ProcessSpec(command, cwd, env, stdin, stdout, stderr, timeout, c);
  }
}
