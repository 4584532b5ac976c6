package dev.scylla.service;

/**
 * What {@code regenerate --rejudge} did: the re-judging of the missing, partial and failed slots,
 * then the regeneration of everything derived from them.
 */
public record RejudgeReport(RerunReport rejudged, RegenerateReport regenerated) {}
