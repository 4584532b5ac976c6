package dev.scylla.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the files an agent run leaves behind ({@code replay.sh}, {@code
 * command_log.json}): variables whose names look secret are recorded as {@code [REDACTED]}, and
 * their values are scrubbed from any text written.
 */
final class Secrets {
  static final String REDACTED = "[REDACTED]";
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          ".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|COOKIE|SESSION|AUTH).*",
          Pattern.CASE_INSENSITIVE);

  private final List<String> values;

  /** Collects the secret values of {@code envs} (later maps override earlier ones). */
  @SafeVarargs
  Secrets(Map<String, String>... envs) {
    List<String> v = new ArrayList<>();
    for (Map<String, String> env : envs) {
      env.forEach(
          (k, val) -> {
            if (val != null && isSecretName(k) && val.length() >= 8 && !val.startsWith("/")) {
              v.add(val);
            }
          });
    }
    v.sort(Comparator.comparingInt(String::length).reversed());
    this.values = v;
  }

  static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** {@code text} with every secret value replaced by {@code [REDACTED]}. */
  String scrub(String text) {
    String out = text;
    for (String v : values) {
      out = out.replace(v, REDACTED);
    }
    return out;
  }
}
