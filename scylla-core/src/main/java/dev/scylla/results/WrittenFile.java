package dev.scylla.results;

import java.nio.file.Path;

/**
 * A file regeneration wrote, or (in a dry run) would write.
 *
 * @param label the file relative to the experiment
 * @param replaced true when an existing file was replaced
 * @param backup the backup of the replaced file, or null (none, or a dry run)
 * @param reason why it was written
 */
public record WrittenFile(Path file, String label, boolean replaced, Path backup, String reason) {}
