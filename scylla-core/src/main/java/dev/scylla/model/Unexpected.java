package dev.scylla.model;

/** Something found on disk that the experiment's plan does not expect. Reported, never counted. */
public record Unexpected(String location, String reason) {}
