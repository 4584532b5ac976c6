package dev.scylla.workspace;

import java.nio.file.Path;

/**
 * One run's git worktree.
 *
 * @param baseDir the shared clone it belongs to
 * @param path the worktree directory (absolute)
 * @param branch its branch ({@code <exp id[:8]>_<T>_<NN>_run_<RR>})
 * @param commit the commit it was created at
 */
public record Worktree(Path baseDir, Path path, String branch, String commit) {}
