package dev.scylla.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and kills processes left behind by a dead orchestrator: after a kill -9 the agent it
 * launched (in its own session) keeps running and spending. Before a run is archived and launched
 * again, every process whose working directory lies inside the run directory is killed with its
 * process group. Linux only (reads {@code /proc/<pid>/cwd}); elsewhere it finds nothing.
 */
public final class OrphanReaper {
  private OrphanReaper() {}

  /** Kills processes working inside {@code dir}; returns their pids. */
  public static List<Long> killProcessesIn(Path dir) {
    List<Long> killed = new ArrayList<>();
    Path root;
    try {
      root = dir.toRealPath();
    } catch (IOException e) {
      return killed;
    }
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses()
        .filter(h -> h.pid() != self)
        .forEach(
            h -> {
              Path cwd = cwdOf(h.pid());
              if (cwd != null && cwd.startsWith(root)) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
                killed.add(h.pid());
              }
            });
    return killed;
  }

  private static Path cwdOf(long pid) {
    try {
      return Files.readSymbolicLink(Paths.get("/proc", Long.toString(pid), "cwd"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
