package dev.scylla.workspace;

import java.nio.file.Path;

/**
 * The shared clone of an experiment's task repository, from which every run's worktree is made.
 *
 * @param dir the clone (e.g. {@code <experiment>/repo})
 * @param url the repository it was cloned from, as the test names it
 * @param commit the commit every run starts from (present in the clone)
 */
public record BaseRepository(Path dir, String url, String commit) {}
