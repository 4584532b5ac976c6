package dev.scylla.service;

import java.nio.file.Path;

/**
 * Continue an experiment from where each run stopped.
 *
 * @param maxCostUsd stop launching once the spend of this invocation would exceed it; null: none
 */
public record ResumeRequest(
    Path experimentDir,
    int concurrency,
    Double maxCostUsd,
    boolean keepWorkspaces,
    boolean retryExhausted) {}
