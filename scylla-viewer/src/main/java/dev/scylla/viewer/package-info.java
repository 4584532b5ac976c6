/**
 * {@code scylla view}: a live, read-only local web viewer of experiments on the JDK's HTTP server.
 * Runs are classified by the same code as {@code scylla status} ({@link dev.scylla.run.Scanner} and
 * {@link dev.scylla.status.Classifier}); a {@link java.nio.file.WatchService} re-reads the runs
 * whose files change and browsers hear of it by server-sent events. Nothing is ever written into an
 * experiment.
 */
package dev.scylla.viewer;
