package dev.scylla.workspace;

import java.util.List;

/**
 * The author and committer of the commits scylla makes in workspaces. Passed to every commit with
 * {@code -c user.name=... -c user.email=...}, so a machine without a global git identity works and
 * a user's identity never ends up in experiment data.
 */
public record GitIdentity(String name, String email) {
  public static final GitIdentity DEFAULT = new GitIdentity("scylla", "scylla@localhost");

  /** The {@code -c} options that set this identity (and keep signing and hooks out). */
  List<String> configArgs() {
    return List.of(
        "-c",
        "user.name=" + name,
        "-c",
        "user.email=" + email,
        "-c",
        "commit.gpgsign=false",
        "-c",
        "gc.auto=0");
  }
}
