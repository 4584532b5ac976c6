package dev.scylla.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs a run was made from, or a judge slot judged with, as named parts: each part is the
 * SHA-256 of one input (a file's bytes, or a canonical text of settings), and the fingerprint
 * itself is the SHA-256 of its parts. Two fingerprints differ in the parts both name with different
 * hashes; a part only one of them names (an input recorded only by a newer scylla) is not a
 * difference.
 *
 * @param parts part name → SHA-256 hex, sorted by name
 * @param labels part name → a short readable value (a model id, a commit), for messages; optional
 */
public record Fingerprint(Map<String, String> parts, Map<String, String> labels) {

  /** Run: the task prompt ({@code prompt.md}). */
  public static final String TASK_PROMPT = "task_prompt";

  /** Run: the task repository and the test commit. */
  public static final String TEST_COMMIT = "test_commit";

  /** Run: the agent, its model and settings (turns, thinking, timeout, agent teams). */
  public static final String AGENT = "agent";

  /** Run: the subtest's configuration as the catalogue composes it. */
  public static final String SUBTEST_CONFIG = "subtest_config";

  /** Judge slot: {@code rubric.yaml}. */
  public static final String RUBRIC = "rubric";

  /** Judge slot: the judge prompt's template (system prompt and layout). */
  public static final String JUDGE_PROMPT_TEMPLATE = "judge_prompt_template";

  /** Judge slot: the judge model. */
  public static final String JUDGE_MODEL = "judge_model";

  /** Judge slot: the backend that calls the model, with its settings. */
  public static final String JUDGE_BACKEND = "judge_backend";

  /** The parts of a run's fingerprint, in the order they are reported. */
  public static final List<String> RUN_PARTS =
      List.of(TASK_PROMPT, TEST_COMMIT, AGENT, SUBTEST_CONFIG);

  /** The parts of a judge slot's fingerprint, in the order they are reported. */
  public static final List<String> JUDGE_PARTS =
      List.of(RUBRIC, JUDGE_PROMPT_TEMPLATE, JUDGE_MODEL, JUDGE_BACKEND);

  public Fingerprint {
    parts = Map.copyOf(new TreeMap<>(parts));
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The SHA-256 of the parts ({@code name=hash} lines in name order). */
  public String sha256() {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(parts).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sha256(sb.toString());
  }

  /**
   * The parts in which {@code other} differs from this one (both name the part, with different
   * hashes), in report order.
   */
  public List<String> differingParts(Fingerprint other) {
    List<String> out = new ArrayList<>();
    List<String> order = new ArrayList<>(RUN_PARTS);
    order.addAll(JUDGE_PARTS);
    new TreeMap<>(parts).keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
    for (String name : order) {
      String a = parts.get(name);
      String b = other.parts.get(name);
      if (a != null && b != null && !a.equals(b)) {
        out.add(name);
      }
    }
    return out;
  }

  /** What a part names, for messages ({@code rubric.yaml}, {@code the judge model}). */
  public static String describe(String part) {
    return switch (part) {
      case TASK_PROMPT -> "prompt.md";
      case TEST_COMMIT -> "the test commit";
      case AGENT -> "the agent model and settings";
      case SUBTEST_CONFIG -> "the subtest configuration";
      case RUBRIC -> "rubric.yaml";
      case JUDGE_PROMPT_TEMPLATE -> "the judge prompt template";
      case JUDGE_MODEL -> "the judge model";
      case JUDGE_BACKEND -> "the judge backend";
      default -> part;
    };
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
