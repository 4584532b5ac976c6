package dev.scylla.model;

/**
 * What one call to a model cost, as far as it is known.
 *
 * @param tokens the tokens the backend reported, or null when it reported none
 * @param costUsd the cost in USD (reported by the backend, else priced from {@link Pricing} when
 *     the model has a price), or null when unknown: an unknown cost is never counted as 0
 */
public record CallSpend(TokenStats tokens, Double costUsd) {
  /** Nothing reported. */
  public static final CallSpend UNKNOWN = new CallSpend(null, null);

  /** Tokens priced from the table when the model has its own prices, else of unknown cost. */
  public static CallSpend priced(String model, TokenStats tokens) {
    if (tokens == null) {
      return UNKNOWN;
    }
    return new CallSpend(tokens, Pricing.known(model) ? Pricing.estimate(model, tokens) : null);
  }

  public boolean costKnown() {
    return costUsd != null;
  }

  /** The known cost, 0 when unknown (for sums that count unknown costs separately). */
  public double knownCost() {
    return costUsd == null ? 0.0 : costUsd;
  }
}
