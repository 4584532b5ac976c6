package dev.scylla.model;

/** {@code agent/timing.json}. */
public record AgentTiming(double agentDurationSeconds, String measuredAt) {}
