package dev.scylla.model;

import java.util.Map;

/**
 * The reference's price table (USD per million tokens; scylla-execution.md §6.5), used only when an
 * agent CLI reports tokens but no cost. Exact-id lookup; unknown ids get the default.
 */
public final class Pricing {
  /** Input, output and cache-read prices per million tokens. */
  public record Price(double input, double output, double cacheRead) {}

  public static final Price DEFAULT = new Price(3.00, 15.00, 0.0);

  private static final Map<String, Price> TABLE =
      Map.of(
          "claude-sonnet-4-6", new Price(3.00, 15.00, 0.30),
          "claude-opus-4-6", new Price(5.00, 25.00, 0.50),
          "claude-haiku-4-5", new Price(1.00, 5.00, 0.10),
          "gpt-4", new Price(30.00, 60.00, 0.0),
          "gpt-4-turbo", new Price(10.00, 30.00, 0.0),
          "gpt-4o", new Price(5.00, 15.00, 0.0),
          "gpt-3.5-turbo", new Price(0.50, 1.50, 0.0));

  private Pricing() {}

  public static Price of(String model) {
    Price p = model == null ? null : TABLE.get(model);
    return p != null ? p : DEFAULT;
  }

  /**
   * The reference's fallback cost: (input + cache reads) at the input price plus output at the
   * output price; cache creation is not priced.
   */
  public static double fallbackCost(String model, TokenStats t) {
    Price p = of(model);
    return (t.inputTokens() + t.cacheReadTokens()) / 1e6 * p.input()
        + t.outputTokens() / 1e6 * p.output();
  }

  /**
   * A fuller estimate (used by the simulator): fresh input, output, cache reads at their own price
   * (the input price when the table has none), cache writes at 1.25 times the input price.
   */
  public static double estimate(String model, TokenStats t) {
    Price p = of(model);
    double cacheRead = p.cacheRead() > 0 ? p.cacheRead() : p.input() / 10;
    return t.inputTokens() / 1e6 * p.input()
        + t.outputTokens() / 1e6 * p.output()
        + t.cacheReadTokens() / 1e6 * cacheRead
        + t.cacheCreationTokens() / 1e6 * p.input() * 1.25;
  }
}
