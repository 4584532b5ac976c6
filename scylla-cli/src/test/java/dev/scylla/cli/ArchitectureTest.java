package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The declared package graph (docs/architecture.md): each top-level package under {@code
 * dev.scylla} may import only the packages listed here. The table is acyclic, so the code is too.
 */
class ArchitectureTest {
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("model", Set.of()),
          Map.entry("event", Set.of()),
          Map.entry("store", Set.of("model")),
          Map.entry("status", Set.of("model")),
          Map.entry("process", Set.of("model")),
          Map.entry("results", Set.of("model", "status", "store")),
          Map.entry("pipeline", Set.of("model", "event", "process", "store")),
          Map.entry("workspace", Set.of("model", "event", "process", "store")),
          Map.entry("simulator", Set.of("model", "store")),
          Map.entry("agent", Set.of("model", "event", "process", "store")),
          Map.entry("judge", Set.of("model", "event", "process", "store", "pipeline", "results")),
          Map.entry(
              "run",
              Set.of(
                  "model",
                  "event",
                  "process",
                  "store",
                  "status",
                  "results",
                  "pipeline",
                  "agent",
                  "judge",
                  "workspace")),
          Map.entry(
              "service",
              Set.of(
                  "model",
                  "event",
                  "process",
                  "store",
                  "status",
                  "results",
                  "pipeline",
                  "agent",
                  "judge",
                  "run",
                  "workspace",
                  "simulator")),
          Map.entry("analysis", Set.of("model", "event", "store", "status", "results", "service")),
          Map.entry("figures", Set.of("model", "event", "store", "analysis")),
          Map.entry(
              "viewer", Set.of("model", "event", "store", "status", "run", "analysis", "figures")),
          Map.entry("temporal", Set.of("model", "event", "process", "store", "run")),
          Map.entry(
              "cli",
              Set.of(
                  "model",
                  "event",
                  "store",
                  "status",
                  "service",
                  "analysis",
                  "figures",
                  "results",
                  "run",
                  "judge",
                  "agent",
                  "simulator",
                  "workspace",
                  "viewer",
                  "temporal")),
          Map.entry(
              "bench",
              Set.of(
                  "model",
                  "event",
                  "store",
                  "status",
                  "service",
                  "analysis",
                  "figures",
                  "results",
                  "run",
                  "judge",
                  "agent",
                  "process",
                  "pipeline",
                  "workspace",
                  "simulator",
                  "viewer",
                  "temporal")));

  private static final Pattern PACKAGE =
      Pattern.compile("^package dev\\.scylla\\.(\\w+)", Pattern.MULTILINE);

  /** An import, or a fully-qualified name in the code, of a class of {@code dev.scylla.X}. */
  private static final Pattern REFERENCE =
      Pattern.compile("(?<![\\w.])dev\\.scylla\\.([a-z]\\w*)\\.(?=[A-Z*])");

  private static final Pattern COMMENT_OR_STRING =
      Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

  /** The packages of {@code dev.scylla} a source file refers to, in imports and in its code. */
  static Set<String> references(String source) {
    String code = COMMENT_OR_STRING.matcher(source).replaceAll(" ");
    code = code.replaceFirst("(?m)^package [\\w.]+;", "");
    Set<String> out = new java.util.TreeSet<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void fullyQualifiedNamesCountAsDependenciesCommentsAndStringsDoNot() {
    String source =
        "package dev.scylla.model;\n"
            + "import dev.scylla.event.EventSink;\n"
            + "/** see {@link dev.scylla.cli.Main} */\n"
            + "class X { dev.scylla.store.AtomicFiles f; String s = \"dev.scylla.run.Session\";\n"
            + "  // dev.scylla.judge.Judge\n"
            + "  Object o = new dev.scylla.agent.CliAgent(); }\n";
    assertThat(references(source)).containsExactly("agent", "event", "store");
  }

  @Test
  void packagesImportOnlyWhatTheArchitectureAllows() throws IOException {
    Path repo = Paths.get("").toAbsolutePath().getParent();
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> modules = Files.list(repo)) {
      for (Path module :
          modules.filter(m -> m.getFileName().toString().startsWith("scylla-")).toList()) {
        Path src = module.resolve("src/main/java");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(src)) {
          for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
            files++;
            String text = Files.readString(f);
            Matcher pm = PACKAGE.matcher(text);
            if (!pm.find()) {
              continue;
            }
            String pkg = pm.group(1);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
              violations.add(
                  repo.relativize(f)
                      + ": package dev.scylla."
                      + pkg
                      + " is not in the architecture table");
              continue;
            }
            for (String dep : references(text)) {
              if (!dep.equals(pkg) && !allowed.contains(dep)) {
                violations.add(repo.relativize(f) + ": " + pkg + " must not depend on " + dep);
              }
            }
          }
        }
      }
    }
    assertThat(files).isGreaterThan(10);
    assertThat(violations).isEmpty();
  }
}
