package dev.scylla.model;

/**
 * Token counts under their canonical names ({@code input_tokens}, {@code output_tokens}, {@code
 * cache_creation_tokens}, {@code cache_read_tokens}).
 */
public record TokenStats(
    long inputTokens, long outputTokens, long cacheCreationTokens, long cacheReadTokens) {
  public static final TokenStats ZERO = new TokenStats(0, 0, 0, 0);

  public TokenStats plus(TokenStats o) {
    return new TokenStats(
        inputTokens + o.inputTokens,
        outputTokens + o.outputTokens,
        cacheCreationTokens + o.cacheCreationTokens,
        cacheReadTokens + o.cacheReadTokens);
  }

  /** {@code tokens_input} of run_result.json: input plus cache reads (cache creation excluded). */
  public long tokensInput() {
    return inputTokens + cacheReadTokens;
  }

  /** All four counters added up, as best-subtest tie-breaking uses them. */
  public long total() {
    return inputTokens + outputTokens + cacheCreationTokens + cacheReadTokens;
  }

  public boolean isZero() {
    return inputTokens == 0
        && outputTokens == 0
        && cacheCreationTokens == 0
        && cacheReadTokens == 0;
  }
}
