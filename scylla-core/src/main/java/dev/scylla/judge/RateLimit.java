package dev.scylla.judge;

import java.time.Duration;
import java.time.Instant;

/**
 * A rate or usage limit reported by a judge backend: not a verdict and not a failure; the slot is
 * retried after the reset without spending its attempt budget.
 *
 * @param message the backend's own words
 * @param retryAfter how long to wait, or null when the backend did not say
 * @param resetAt when the limit resets, or null when unknown
 * @param usageLimit a weekly or plan usage limit (hours away), not a short rate limit
 */
public record RateLimit(String message, Duration retryAfter, Instant resetAt, boolean usageLimit) {}
