package dev.scylla.judge;

import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the agent changed in its workspace, read with git: the listing of changed files ({@code git
 * status --porcelain=v1 -z --untracked-files=all}, so untracked directories are expanded and names
 * are never quoted), the diff, the content of new files, and the deleted files. The test
 * infrastructure ({@code CLAUDE.md}, {@code .claude/}) is left out, as in the reference.
 *
 * <p>The diff is taken against {@code baseRef} when one is given (every change since the agent
 * started: committed, staged and unstaged); otherwise as the reference takes it: unstaged and
 * staged changes, else the last commit. Unlike the reference, new untracked text files are shown as
 * diffs against nothing, so a judge without tools can read what the agent wrote.
 */
public final class WorkspaceEvidence {
  private static final Duration GIT_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> EXCLUDES =
      List.of("--", ".", ":(exclude)CLAUDE.md", ":(exclude).claude");
  private static final long MAX_UNTRACKED_BYTES = 100_000;

  /**
   * @param listing the workspace state section's text
   * @param patch the diff, or {@code (no changes detected)} / {@code (unable to generate
   *     patchfile)}
   * @param deleted deleted files, relative to the workspace
   */
  public record State(String listing, String patch, List<String> deleted) {
    public State {
      deleted = List.copyOf(deleted);
    }
  }

  private final ProcessLauncher launcher;

  public WorkspaceEvidence(ProcessLauncher launcher) {
    this.launcher = launcher;
  }

  /** Reads the workspace's state; {@code baseRef} may be null. */
  public State collect(Path ws, String baseRef, Cancellation c) throws IOException {
    List<String[]> entries = new ArrayList<>();
    String listing = listing(ws, entries, c);
    String patch = patch(ws, baseRef, entries, c);
    List<String> deleted = deleted(ws, baseRef, c);
    return new State(listing, patch, deleted);
  }

  private static String ceiling(Path ws) {
    Path parent = ws.toAbsolutePath().normalize().getParent();
    return parent == null ? "" : parent.toString();
  }

  static boolean excluded(String path) {
    return path.equals("CLAUDE.md") || path.equals(".claude") || path.startsWith(".claude/");
  }

  private Captured git(Path ws, Cancellation c, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("-c");
    cmd.add("core.quotepath=off");
    cmd.addAll(List.of(args));
    Captured r =
        Captured.run(
            launcher,
            cmd,
            ws,
            Map.of(
                "GIT_TERMINAL_PROMPT", "0",
                "GIT_OPTIONAL_LOCKS", "0",
                "LC_ALL", "C",
                // never read a repository above the workspace (an experiment kept inside a repo)
                "GIT_CEILING_DIRECTORIES", ceiling(ws)),
            GIT_TIMEOUT,
            c);
    if (r.outcome().cancelled()) {
      throw new ScyllaException(
          ScyllaException.Kind.INTERRUPTED, "reading the workspace " + ws + " was cancelled");
    }
    return r;
  }

  private String listing(Path ws, List<String[]> entries, Cancellation c) throws IOException {
    Captured r;
    try {
      r = git(ws, c, "status", "--porcelain=v1", "-z", "--untracked-files=all");
    } catch (ProcessStartException e) {
      return "(unable to get workspace state: " + e.getMessage() + ")";
    }
    if (r.outcome().timedOut()) {
      return "(git status timed out)";
    }
    if (!r.ok()) {
      return "(unable to get workspace state: " + ClaudeCliClient.firstLine(r.stderr()) + ")";
    }
    String[] parts = r.stdout().split("\0");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.length() < 4) {
        continue;
      }
      String xy = p.substring(0, 2);
      String path = p.substring(3);
      if (xy.charAt(0) == 'R' || xy.charAt(0) == 'C') {
        i++; // the next field is the original path
      }
      if (!excluded(path)) {
        entries.add(new String[] {xy, path});
      }
    }
    if (entries.isEmpty()) {
      return "(no changes detected)";
    }
    StringBuilder sb = new StringBuilder("Files modified/created by agent:\n");
    for (String[] e : entries) {
      sb.append("- `").append(e[1]).append("` (").append(status(e[0])).append(")\n");
    }
    return sb.toString().stripTrailing();
  }

  static String status(String xy) {
    String s = xy.strip();
    return switch (s) {
      case "M" -> "modified";
      case "A" -> "added";
      case "??" -> "created";
      case "D" -> "deleted";
      default -> s;
    };
  }

  private String patch(Path ws, String baseRef, List<String[]> entries, Cancellation c)
      throws IOException {
    List<String> parts = new ArrayList<>();
    boolean anyOk = false;
    try {
      if (baseRef != null) {
        Captured d = git(ws, c, concat(List.of("diff", baseRef), EXCLUDES));
        if (d.outcome().timedOut()) {
          return "(git diff timed out)";
        }
        anyOk = d.ok();
        if (d.ok() && !d.stdout().isBlank()) {
          parts.add("## Changes since " + baseRef + "\n" + d.stdout().stripTrailing());
        }
      } else {
        Captured u = git(ws, c, concat(List.of("diff"), EXCLUDES));
        Captured s = git(ws, c, concat(List.of("diff", "--cached"), EXCLUDES));
        if (u.outcome().timedOut() || s.outcome().timedOut()) {
          return "(git diff timed out)";
        }
        anyOk = u.ok() || s.ok();
        if (u.ok() && !u.stdout().isBlank()) {
          parts.add("## Unstaged Changes\n" + u.stdout().stripTrailing());
        }
        if (s.ok() && !s.stdout().isBlank()) {
          parts.add("## Staged Changes\n" + s.stdout().stripTrailing());
        }
        if (parts.isEmpty() && anyOk) {
          Captured h = git(ws, c, concat(List.of("diff", "HEAD~1..HEAD"), EXCLUDES));
          if (h.ok() && !h.stdout().isBlank()) {
            parts.add("## Committed Changes\n" + h.stdout().stripTrailing());
          }
        }
      }
    } catch (ProcessStartException e) {
      return "(unable to generate patchfile)";
    }
    if (!anyOk) {
      return "(unable to generate patchfile)";
    }
    StringBuilder untracked = new StringBuilder();
    for (String[] e : entries) {
      if (!e[0].equals("??")) {
        continue;
      }
      Path f = ws.resolve(e[1]);
      if (!Files.isRegularFile(f) || Files.size(f) > MAX_UNTRACKED_BYTES || binary(f)) {
        untracked
            .append("(")
            .append(e[1])
            .append(": not shown, binary or larger than ")
            .append(MAX_UNTRACKED_BYTES)
            .append(" bytes)\n");
        continue;
      }
      Captured d = git(ws, c, "diff", "--no-index", "--", "/dev/null", e[1]);
      if (!d.stdout().isBlank()) {
        untracked.append(d.stdout().stripTrailing()).append('\n');
      }
    }
    if (untracked.length() > 0) {
      parts.add("## Untracked Files\n" + untracked.toString().stripTrailing());
    }
    return parts.isEmpty() ? "(no changes detected)" : String.join("\n\n", parts);
  }

  private List<String> deleted(Path ws, String baseRef, Cancellation c) throws IOException {
    List<String> out = new ArrayList<>();
    try {
      Captured d =
          git(ws, c, "diff", "--name-only", "--diff-filter=D", baseRef != null ? baseRef : "HEAD");
      if (!d.ok()) {
        return out;
      }
      for (String line : d.stdout().split("\n")) {
        String p = line.strip();
        if (!p.isEmpty() && !excluded(p)) {
          out.add(p);
        }
      }
    } catch (ProcessStartException e) {
      return out;
    }
    return out;
  }

  private static boolean binary(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      byte[] head = in.readNBytes(8192);
      for (byte b : head) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(new String[0]);
  }
}
