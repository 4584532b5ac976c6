package dev.scylla.simulator;

import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the simulator's calls per key in a state directory ({@code <state>/<key hash>.calls}),
 * under a file lock, so "fail the first K calls of this run" works across processes. Without a
 * state directory every call is call 0.
 */
final class CallCounter {
  private CallCounter() {}

  /** Returns how many calls for {@code key} came before this one, and counts this one. */
  static int next(Path stateDir, String key) throws IOException {
    if (stateDir == null) {
      return 0;
    }
    Files.createDirectories(stateDir);
    String name = Simulation.hex(Simulation.sha256(key)).substring(0, 24);
    Path counter = stateDir.resolve(name + ".calls");
    Path lockFile = stateDir.resolve(name + ".lock");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      int n = 0;
      if (Files.isRegularFile(counter)) {
        String text = Files.readString(counter, StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        try {
          n = Integer.parseInt(nl < 0 ? text : text.substring(0, nl));
        } catch (NumberFormatException e) {
          n = 0;
        }
      }
      AtomicFiles.writeString(counter, (n + 1) + "\n" + key + "\n");
      return n;
    }
  }
}
