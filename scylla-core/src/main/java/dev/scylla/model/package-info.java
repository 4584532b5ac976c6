/**
 * Immutable records of the on-disk format and the domain: runs, judge slots, verdicts, consensus,
 * tier and subtest results. No IO happens here; {@code store} reads and writes these values.
 */
package dev.scylla.model;
