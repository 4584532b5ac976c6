package dev.scylla.simulator;

import dev.scylla.store.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs a {@code claude} launcher for the simulator: a shell script that runs this JVM's {@code
 * java} on this process's class path (the scylla jar, or the build's classes) with {@link
 * ClaudeSimulator} as the main class. Put its directory first on {@code PATH}, or pass the script
 * as the Claude Code executable.
 */
public final class SimulatorLauncher {
  private SimulatorLauncher() {}

  /** Writes {@code binDir/claude} and returns its path. */
  public static Path install(Path binDir) throws IOException {
    return install(binDir, "claude");
  }

  /** Writes {@code binDir/name} (executable) and returns its path. */
  public static Path install(Path binDir, String name) throws IOException {
    Path script = binDir.toAbsolutePath().normalize().resolve(name);
    AtomicFiles.writeString(script, script());
    if (!script.toFile().setExecutable(true, false)) {
      throw new IOException("cannot make " + script + " executable");
    }
    return script;
  }

  /** The launcher script's text. */
  static String script() {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        cp.add(Paths.get(e).toAbsolutePath().normalize().toString());
      }
    }
    return "#!/bin/sh\n"
        + "# scylla's offline simulator of the Claude Code CLI (dev.scylla.simulator)\n"
        + "exec "
        + quote(java)
        + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss512k -Xmx256m -cp "
        + quote(String.join(File.pathSeparator, cp))
        + " "
        + ClaudeSimulator.class.getName()
        + " \"$@\"\n";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
