package dev.scylla.model;

import java.util.Locale;
import java.util.Map;

/**
 * Model prices in USD per million tokens, and the token profile used to estimate a run before it
 * ran. The table is the reference's (scylla-execution.md §6.5) plus the dated Claude 4.5 ids, with
 * cache writes at 1.25 × the input price as Anthropic bills 5-minute cache writes, and OpenAI's
 * GPT-5 family. Unknown models are priced at the reference's default ($3 in, $15 out) by {@link
 * #of}; {@link #known} tells whether a model has its own prices.
 */
public final class Pricing {
  /** Prices of one model, USD per million tokens. */
  public record Price(double input, double output, double cacheRead, double cacheWrite) {
    public double cost(TokenStats t) {
      return (t.inputTokens() * input
              + t.outputTokens() * output
              + t.cacheReadTokens() * cacheRead
              + t.cacheCreationTokens() * cacheWrite)
          / 1e6;
    }
  }

  private static final Price DEFAULT = new Price(3.00, 15.00, 0.30, 3.75);

  private static final Map<String, Price> TABLE =
      Map.ofEntries(
          Map.entry("claude-sonnet-4-6", new Price(3.00, 15.00, 0.30, 3.75)),
          Map.entry("claude-sonnet-4-5", new Price(3.00, 15.00, 0.30, 3.75)),
          Map.entry("claude-sonnet-4-5-20250929", new Price(3.00, 15.00, 0.30, 3.75)),
          Map.entry("claude-opus-4-6", new Price(5.00, 25.00, 0.50, 6.25)),
          Map.entry("claude-opus-4-5", new Price(5.00, 25.00, 0.50, 6.25)),
          Map.entry("claude-opus-4-5-20251101", new Price(5.00, 25.00, 0.50, 6.25)),
          Map.entry("claude-haiku-4-5", new Price(1.00, 5.00, 0.10, 1.25)),
          Map.entry("claude-haiku-4-5-20251001", new Price(1.00, 5.00, 0.10, 1.25)),
          Map.entry("gpt-4", new Price(30.00, 60.00, 0, 0)),
          Map.entry("gpt-4-turbo", new Price(10.00, 30.00, 0, 0)),
          Map.entry("gpt-4o", new Price(5.00, 15.00, 0, 0)),
          Map.entry("gpt-3.5-turbo", new Price(0.50, 1.50, 0, 0)),
          // OpenAI's list prices of the GPT-5 family: cached input at a tenth of the input
          // price; OpenAI charges no premium for writing the cache (input price)
          Map.entry("gpt-5", new Price(1.25, 10.00, 0.125, 1.25)),
          Map.entry("gpt-5-codex", new Price(1.25, 10.00, 0.125, 1.25)),
          Map.entry("gpt-5-mini", new Price(0.25, 2.00, 0.025, 0.25)),
          Map.entry("gpt-5-nano", new Price(0.05, 0.40, 0.005, 0.05)));

  /**
   * Tokens of a typical agent run, from the recorded experiment's means (7 runs of a small task):
   * 27 input, 666 output, 23,657 cache-creation and 118,538 cache-read tokens.
   */
  public static final TokenStats TYPICAL_AGENT_RUN = new TokenStats(27, 666, 23_657, 118_538);

  /** Tokens of a typical judge call: an 8,000-token prompt and a 1,500-token verdict. */
  public static final TokenStats TYPICAL_JUDGE_CALL = new TokenStats(8_000, 1_500, 0, 0);

  private Pricing() {}

  public static Price of(String model) {
    if (model == null) {
      return DEFAULT;
    }
    Price p = TABLE.get(ModelIds.normalize(model).toLowerCase(Locale.ROOT));
    return p != null ? p : DEFAULT;
  }

  public static boolean known(String model) {
    return model != null && TABLE.containsKey(ModelIds.normalize(model).toLowerCase(Locale.ROOT));
  }

  /**
   * The cost of reported tokens when an agent CLI reports no cost, as the reference computes it:
   * (input + cache reads) at the input price plus output at the output price; cache creation is not
   * priced. Unlike the reference, dated model ids find their prices.
   */
  public static double fallbackCost(String model, TokenStats t) {
    Price p = of(model);
    return (t.inputTokens() + t.cacheReadTokens()) / 1e6 * p.input()
        + t.outputTokens() / 1e6 * p.output();
  }

  /** The full cost of tokens: each counter at its own price, cache writes included. */
  public static double estimate(String model, TokenStats t) {
    return of(model).cost(t);
  }

  /** The estimated cost of one agent run with {@code model}. */
  public static double agentRun(String model) {
    return of(model).cost(TYPICAL_AGENT_RUN);
  }

  /** The estimated cost of one judge call with {@code model}. */
  public static double judgeCall(String model) {
    return of(model).cost(TYPICAL_JUDGE_CALL);
  }
}
