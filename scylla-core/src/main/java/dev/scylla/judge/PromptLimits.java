package dev.scylla.judge;

/**
 * Size caps of the judge prompt's sections. Whatever is cut is replaced by an explicit marker that
 * says how much was left out.
 *
 * @param rubricChars the rubric's text (head kept)
 * @param taskChars the task prompt (head kept)
 * @param agentOutputChars the agent's output (two thirds from the head, one third from the tail)
 * @param workspaceLines the workspace listing (head kept)
 * @param patchLines the git diff (half from the head, half from the tail; the reference's 500)
 * @param deletedFiles entries of the deleted-files list
 * @param stepOutputChars each pipeline step's output (head kept; the reference's 2,000)
 * @param referencePatchLines a reference solution patch: above this, its first half and last
 *     quarter are kept (the reference: 200, giving 100 + 50)
 */
public record PromptLimits(
    int rubricChars,
    int taskChars,
    int agentOutputChars,
    int workspaceLines,
    int patchLines,
    int deletedFiles,
    int stepOutputChars,
    int referencePatchLines) {

  public static PromptLimits defaults() {
    return new PromptLimits(40_000, 40_000, 40_000, 400, 500, 200, 2_000, 200);
  }

  /** Keeps the first {@code max} characters. */
  static String head(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, max)
        + "\n... (truncated: "
        + (s.length() - max)
        + " more characters not shown)";
  }

  /** Keeps the first {@code 2/3 max} and the last {@code 1/3 max} characters. */
  static String headTail(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int head = max * 2 / 3;
    int tail = max - head;
    return s.substring(0, head)
        + "\n\n... (truncated: "
        + (s.length() - head - tail)
        + " characters not shown) ...\n\n"
        + s.substring(s.length() - tail);
  }

  /** Keeps the first {@code headLines} and the last {@code tailLines} lines when above max. */
  static String lines(String s, int max, int headLines, int tailLines) {
    String[] ls = s.split("\n", -1);
    if (ls.length <= max) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < headLines; i++) {
      sb.append(ls[i]).append('\n');
    }
    sb.append("\n... (truncated: ")
        .append(ls.length - headLines - tailLines)
        .append(" lines not shown) ...\n\n");
    for (int i = ls.length - tailLines; i < ls.length; i++) {
      sb.append(ls[i]);
      if (i < ls.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
