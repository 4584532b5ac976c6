package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's command reference cannot drift from the code: every subcommand has a row, and every
 * option a subcommand accepts is named in its row(s) or in the "Common options" paragraph.
 */
class ReadmeCommandReferenceTest {

  private static String readme() throws Exception {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("README.md"))) {
      p = p.getParent();
    }
    assertThat(p).as("README.md above " + Paths.get("").toAbsolutePath()).isNotNull();
    return Files.readString(p.resolve("README.md"));
  }

  @Test
  void everyCommandAndEveryOptionIsInTheReadme() throws Exception {
    String readme = readme();
    int common = readme.indexOf("Common options:");
    assertThat(common).as("the README's 'Common options:' paragraph").isPositive();
    String commonText = readme.substring(common, readme.indexOf("\n\n", common));
    CommandLine root = new CommandLine(new ScyllaCommand());
    List<String> missing = new ArrayList<>();
    for (var e : root.getSubcommands().entrySet()) {
      String name = e.getKey();
      if (name.equals("help")) {
        continue;
      }
      String rows =
          readme
              .lines()
              .filter(l -> l.startsWith("| `scylla " + name))
              .collect(Collectors.joining("\n"));
      if (rows.isEmpty()) {
        missing.add("scylla " + name + " (no row in the command reference)");
        continue;
      }
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp()) {
          continue;
        }
        boolean named = false;
        for (String n : o.names()) {
          java.util.regex.Pattern token =
              java.util.regex.Pattern.compile(
                  "(?<![\\w-])" + java.util.regex.Pattern.quote(n) + "(?![\\w-])");
          if (token.matcher(rows).find() || token.matcher(commonText).find()) {
            named = true;
          }
        }
        if (!named) {
          missing.add("scylla " + name + " " + o.longestName());
        }
      }
    }
    assertThat(missing).as("commands or options the README does not name").isEmpty();
  }
}
