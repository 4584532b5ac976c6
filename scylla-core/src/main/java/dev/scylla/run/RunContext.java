package dev.scylla.run;

import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.store.ExperimentStore;
import java.nio.file.Path;

/** What every step of one run needs: the experiment, the run, and where its directory is. */
public record RunContext(ExperimentStore store, RunMatrix matrix, RunKey key) {

  public ExperimentConfig config() {
    return store.config();
  }

  /** The run directory (where a finished run belongs when it does not exist yet). */
  public Path runDir() {
    return store.runDir(key);
  }

  public Path workspace() {
    return new dev.scylla.store.RunFiles(runDir()).workspace();
  }
}
