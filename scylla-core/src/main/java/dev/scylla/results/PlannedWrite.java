package dev.scylla.results;

import java.nio.file.Path;

/**
 * A file regeneration would write.
 *
 * @param file where
 * @param label the file relative to the experiment, for listings
 * @param replaces true when a file (valid or corrupt) exists and will be backed up first
 * @param reason why: "missing", "corrupt (...)", or the first changed field
 * @param bytes the new content
 */
public record PlannedWrite(
    Path file, String label, boolean replaces, String reason, byte[] bytes) {}
