package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ScyllaException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer at a time: an advisory OS lock on {@code <exp>/.scylla/lock}; {@code
 * <exp>/.scylla/lock.json} says who holds it (pid, command, since when) so a second process can
 * refuse with a useful message. The OS releases the lock when the holder dies, even by kill -9, so
 * a stale file never blocks. Taking the lock after a holder that died (its {@code lock.json} is
 * still there) removes the temporary files that writers killed mid-write left behind.
 */
public final class ExperimentLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final Path file;

  private final java.util.List<String> removedTemps;

  private ExperimentLock(
      Path file, FileChannel channel, FileLock lock, java.util.List<String> removedTemps) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.removedTemps = java.util.List.copyOf(removedTemps);
  }

  /**
   * The temporary files of interrupted writes that taking the lock removed (relative to the
   * experiment; see {@link AtomicFiles#removeAbandonedTemps}).
   */
  public java.util.List<String> removedTemporaryFiles() {
    return removedTemps;
  }

  /**
   * Takes the lock, waiting up to {@code wait} (zero: do not wait). Throws LOCKED naming the holder
   * when another process keeps it.
   */
  public static ExperimentLock acquire(ExperimentLayout layout, String command, Duration wait) {
    Path file = layout.scyllaDir().resolve("lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Instant deadline = Instant.now().plus(wait);
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null; // held by this JVM (another command in the same process)
        }
        if (l != null) {
          // lock.json outlives its holder only when the holder died without releasing the lock
          boolean holderDied = Files.exists(holderFile(file));
          ObjectNode who = Json.object();
          who.put("pid", ProcessHandle.current().pid());
          who.put("command", command);
          who.put("since", Instant.now().toString());
          AtomicFiles.writeJson(holderFile(file), who);
          // the new holder owns the tree: what a dead writer left half-written goes
          return new ExperimentLock(
              file,
              ch,
              l,
              holderDied ? AtomicFiles.removeAbandonedTemps(layout.root()) : java.util.List.of());
        }
        if (Instant.now().isAfter(deadline)) {
          String holder = describeHolder(file);
          ch.close();
          throw new ScyllaException(
              ScyllaException.Kind.LOCKED,
              layout.root()
                  + ": experiment is locked by another scylla process"
                  + holder
                  + "; wait for it to finish or stop it");
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ch.close();
          throw new ScyllaException(
              ScyllaException.Kind.INTERRUPTED,
              "interrupted while waiting for the experiment lock");
        }
      }
    } catch (IOException e) {
      throw ScyllaException.badInput(file + ": cannot take the experiment lock: " + e.getMessage());
    }
  }

  private static String describeHolder(Path file) {
    try {
      JsonNode who = Json.parse(Files.readAllBytes(holderFile(file)));
      return " (pid "
          + who.path("pid").asText("?")
          + ", "
          + who.path("command").asText("?")
          + ", since "
          + who.path("since").asText("?")
          + ")";
    } catch (IOException | CorruptFileException e) {
      return "";
    }
  }

  /** The holder's description lives beside the (empty) lock file, written atomically. */
  private static Path holderFile(Path lockFile) {
    return lockFile.resolveSibling("lock.json");
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      // the holder's description is true only while the lock is held
      Files.deleteIfExists(holderFile(file));
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock with the process anyway
    }
  }
}
