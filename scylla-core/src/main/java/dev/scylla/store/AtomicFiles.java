package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way this tool writes a file: a temporary file in the same directory, written and fsynced,
 * then renamed over the target, then the directory fsynced. A reader sees the old file or the new
 * one, never a torn one, even after a crash.
 *
 * <p>Derived files, those {@code regenerate} rebuilds from the parts (run results, reports,
 * consensus, summaries), are written with {@link #writeDerived} and {@link #stageDerived}: the same
 * temporary file and rename, so a killed process still leaves the old file or the new one, but
 * without the two fsyncs. After a power loss such a file may be torn or empty; the classifier reads
 * it as corrupt and {@code regenerate} rebuilds it (docs/format.md, Durability).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target} atomically, creating parent directories. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, true);
  }

  /**
   * Writes a derived file (one {@code regenerate} rebuilds from the parts): atomic against a killed
   * process (temporary file, rename), not synced, so it may be torn after a power loss.
   */
  public static void writeDerived(Path target, byte[] bytes) throws IOException {
    write(target, bytes, false);
  }

  private static void write(Path target, byte[] bytes, boolean durable) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = tempFile(dir, target);
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        if (durable) {
          ch.force(true);
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (durable) {
      fsyncDirectory(dir);
    }
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes JSON in the reference's format (see {@link Json#write}). */
  public static void writeJson(Path target, JsonNode node) throws IOException {
    writeString(target, Json.write(node));
  }

  /**
   * Writes only if the file's bytes would change; returns whether it wrote. Keeps modification
   * times and backups untouched when regeneration finds nothing to do.
   */
  public static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
    if (Files.isRegularFile(target)) {
      byte[] old = Files.readAllBytes(target);
      if (Arrays.equals(old, bytes)) {
        return false;
      }
    }
    write(target, bytes);
    return true;
  }

  /** Produces the content of a staged file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code body} into a temporary file beside {@code target} without touching {@code
   * target}; {@link Staged#commit()} then syncs it and renames it over the target atomically, and
   * closing an uncommitted stage removes the temporary file. This lets a caller compare a large new
   * file with the old one before deciding to replace it, without holding either in memory and
   * without syncing a file it throws away.
   */
  public static Staged stage(Path target, Body body) throws IOException {
    return stage(target, body, true);
  }

  /** {@link #stage} for a derived file: its commit renames without syncing. */
  public static Staged stageDerived(Path target, Body body) throws IOException {
    return stage(target, body, false);
  }

  private static Staged stage(Path target, Body body, boolean durable) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = tempFile(dir, target);
    boolean ok = false;
    try {
      try (FileChannel ch =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
          OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
        body.writeTo(out);
        out.flush();
      }
      ok = true;
      return new Staged(target, tmp, durable);
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** A fully written temporary file waiting to replace its target. */
  public static final class Staged implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final boolean durable;
    private boolean committed;

    private Staged(Path target, Path tmp, boolean durable) {
      this.target = target;
      this.tmp = tmp;
      this.durable = durable;
    }

    public Path target() {
      return target;
    }

    /** The staged content, readable until the stage is committed or closed. */
    public Path content() {
      return tmp;
    }

    /** Whether the target exists and holds exactly the staged bytes. */
    public boolean sameBytesAsTarget() throws IOException {
      return Files.isRegularFile(target) && Files.mismatch(tmp, target) == -1L;
    }

    /**
     * Syncs the staged file, renames it over the target, and syncs the directory (a derived stage
     * only renames).
     */
    public void commit() throws IOException {
      if (durable) {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
      if (durable) {
        fsyncDirectory(target.toAbsolutePath().getParent());
      }
    }

    /** Removes the temporary file unless the stage was committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Our temporary files: {@code .<name>.tmp-<pid>-<hex>}. */
  private static final java.util.regex.Pattern TEMP =
      java.util.regex.Pattern.compile("^\\..+\\.tmp-(\\d+)-[0-9a-f]+$");

  /** Directories never entered when looking for abandoned temporary files. */
  private static final java.util.Set<String> NOT_OURS =
      java.util.Set.of("workspace", "repo", ".git", ".failed", "node_modules");

  /**
   * Removes the temporary files that writes of a process killed mid-write (kill -9, power loss)
   * left under {@code root}: files named as this class names them whose process is gone. They hold
   * a partial copy of a file whose previous version (or absence) is still in place, so nothing is
   * lost. Worktrees, the task repository and archived attempts are not entered. Call it only while
   * holding the experiment lock.
   *
   * @return the files removed, relative to {@code root}
   */
  public static java.util.List<String> removeAbandonedTemps(Path root) throws IOException {
    java.util.List<String> removed = new java.util.ArrayList<>();
    if (!Files.isDirectory(root)) {
      return removed;
    }
    Files.walkFileTree(
        root,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult preVisitDirectory(
              Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
            return !dir.equals(root) && NOT_OURS.contains(dir.getFileName().toString())
                ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                : java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path file, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
            java.util.regex.Matcher m = TEMP.matcher(file.getFileName().toString());
            if (attrs.isRegularFile() && m.matches() && !alive(m.group(1))) {
              Files.deleteIfExists(file);
              removed.add(root.relativize(file).toString());
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
            return java.nio.file.FileVisitResult.CONTINUE; // unreadable: not ours to judge
          }
        });
    return removed;
  }

  private static boolean alive(String pid) {
    try {
      long p = Long.parseLong(pid);
      return p == ProcessHandle.current().pid() || ProcessHandle.of(p).isPresent();
    } catch (NumberFormatException e) {
      return true; // cannot tell: keep it
    }
  }

  private static Path tempFile(Path dir, Path target) {
    return dir.resolve(
        "."
            + target.getFileName()
            + ".tmp-"
            + ProcessHandle.current().pid()
            + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  /** Atomically creates {@code target} from {@code bytes} only if it does not exist yet. */
  public static boolean createNew(Path target, byte[] bytes) throws IOException {
    if (Files.exists(target)) {
      return false;
    }
    write(target, bytes);
    return true;
  }

  /**
   * Copies an existing file to a backup beside it ({@code name.backup}, or {@code name.backup.2},
   * {@code .3}, ... when taken) and returns the backup path; returns null when there is nothing to
   * back up. Backups are never overwritten.
   */
  public static Path backup(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Path dest = file.resolveSibling(file.getFileName() + ".backup");
    for (int k = 2; Files.exists(dest); k++) {
      dest = file.resolveSibling(file.getFileName() + ".backup." + k);
    }
    write(dest, Files.readAllBytes(file));
    return dest;
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems refuse to open or sync a directory; the rename is still atomic.
    }
  }
}
