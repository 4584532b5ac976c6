package dev.scylla.results;

import dev.scylla.model.TokenStats;
import java.util.Map;

/**
 * The reference's price table (USD per million tokens), used only when the agent CLI reported no
 * cost but did report tokens. Cache reads are billed at the input price and cache creation is
 * ignored, as the reference does; unknown model ids get $3 / $15.
 */
public final class Pricing {
  private record Price(double input, double output) {}

  private static final Map<String, Price> TABLE =
      Map.of(
          "claude-sonnet-4-6", new Price(3.00, 15.00),
          "claude-opus-4-6", new Price(5.00, 25.00),
          "claude-haiku-4-5", new Price(1.00, 5.00),
          "gpt-4", new Price(30.00, 60.00),
          "gpt-4-turbo", new Price(10.00, 30.00),
          "gpt-4o", new Price(5.00, 15.00),
          "gpt-3.5-turbo", new Price(0.50, 1.50));

  private static final Price DEFAULT = new Price(3.00, 15.00);

  private Pricing() {}

  /** {@code (input + cache_read) x input price + output x output price}, per million tokens. */
  public static double estimate(String model, TokenStats t) {
    Price p = model == null ? DEFAULT : TABLE.getOrDefault(model, DEFAULT);
    return (t.inputTokens() + t.cacheReadTokens()) / 1e6 * p.input()
        + t.outputTokens() / 1e6 * p.output();
  }
}
