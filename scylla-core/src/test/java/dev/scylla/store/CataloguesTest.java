package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Catalogue;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.SystemPromptMode;
import dev.scylla.testing.InputFixtures;
import dev.scylla.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CataloguesTest {
  @TempDir Path tmp;

  @Test
  void loadsASyntheticCatalogue() {
    Catalogue c = Catalogues.load(InputFixtures.catalogue(tmp.resolve("c")));
    assertThat(c.tierIds()).containsExactly("T0", "T1");
    assertThat(c.subtests("T0")).extracting(SubtestDefinition::id).containsExactly("00", "02");
    assertThat(c.subtestCount()).isEqualTo(4);
    SubtestDefinition empty = c.subtest("T0", "00").orElseThrow();
    assertThat(empty.systemPromptMode()).isEqualTo(SystemPromptMode.NONE);
    assertThat(empty.extendsPrevious()).isFalse();
    assertThat(empty.bareWorkspace()).isTrue();
    assertThat(empty.resources().claudeMdBlocks()).isEmpty();
    SubtestDefinition blocks = c.subtest("T0", "02").orElseThrow();
    assertThat(blocks.resources().claudeMdBlocks()).containsExactly("B02", "B01");
    assertThat(blocks.description()).isEqualTo("Sub-test configuration 02-blocks");
    assertThat(blocks.systemPromptMode()).isEqualTo(SystemPromptMode.CUSTOM);
    SubtestDefinition skills = c.subtest("T1", "01").orElseThrow();
    assertThat(skills.extendsPrevious()).isTrue();
    assertThat(skills.resources().skillCategories()).containsExactly("python");
    SubtestDefinition all = c.subtest("T1", "02").orElseThrow();
    assertThat(all.agentTeams()).isTrue();
    assertThat(all.resources().agentLevels()).containsExactly(2);
    assertThat(all.resources().agentNames()).containsExactly("solo");
    assertThat(all.resources().tools())
        .isEqualTo(SubtestResources.Tools.only(List.of("Read", "Write")));
    assertThat(all.resources().mcpServers())
        .containsExactly(
            new SubtestResources.McpServer("git", "modelcontextprotocol/servers", null),
            new SubtestResources.McpServer("filesystem", "modelcontextprotocol/servers", null),
            new SubtestResources.McpServer("custom", "local", ".claude/mcp/custom.json"));
    assertThat(c.tier("T1").delegationEnabled()).isTrue();
    assertThat(c.tier("T1").toolsEnabled()).isTrue();
    assertThat(c.tier("T5").name()).isEqualTo("Hybrid");
    assertThat(c.block("B01")).isPresent();
    assertThat(c.agents(2))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("architect.md", "designer.md");
    assertThat(c.agent("solo")).isPresent();
    assertThat(c.skills("python")).hasSize(2);
    assertThat(c.skill("verify")).isPresent();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aReferenceCheckoutRootIsAcceptedToo() {
    Path root = tmp.resolve("checkout");
    InputFixtures.catalogue(root.resolve("tests/claude-code/shared"));
    assertThat(Catalogues.load(root).root()).isEqualTo(root.resolve("tests/claude-code/shared"));
  }

  @Test
  void oddButHarmlessThingsAreWarnings() throws Exception {
    Path c = InputFixtures.catalogue(tmp.resolve("c"));
    InputFixtures.write(
        c.resolve("subtests/t1/03-odd.yaml"),
        "name: Odd\ncolour: blue\nresources:\n  skills:\n    categories: [rust]\n    names: [nope]\n"
            + "  magic: true\n");
    InputFixtures.write(c.resolve("subtests/t1/notes.yaml"), "name: not a subtest\n");
    Catalogue cat = Catalogues.load(c);
    String all = String.join("\n", cat.warnings());
    assertThat(all)
        .contains("unknown field \"colour\"")
        .contains("unknown resource \"magic\"")
        .contains("skill category 'rust'")
        .contains("skill 'nope'")
        .contains("notes.yaml: ignored");
    assertThat(cat.subtest("T1", "03")).isPresent();
  }

  /** A damaged subtest file: its content, and what the error must name. */
  @Test
  void damagedSubtestsAreBadInputNamingFileAndField() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry(
                "extends_previous: maybe\n", "field \"extends_previous\": expected true or false"),
            Map.entry("system_prompt_mode: loud\n", "field \"system_prompt_mode\": 'loud'"),
            Map.entry(
                "resources:\n  claude_md:\n    blocks: [B01, B77]\n",
                "field \"resources.claude_md.blocks[1]\": block 'B77' not found"),
            Map.entry(
                "resources:\n  agents:\n    levels: [4]\n",
                "field \"resources.agents.levels[0]\": agent level 4 has no directory"),
            Map.entry(
                "resources:\n  agents:\n    levels: [9]\n",
                "field \"resources.agents.levels[0]\": must be between 0 and 5"),
            Map.entry(
                "resources:\n  agents:\n    names: [ghost]\n",
                "field \"resources.agents.names[0]\": agent 'ghost' not found"),
            Map.entry(
                "tools:\n  enabled: some\n", "field \"resources.tools.enabled\": expected \"all\""),
            Map.entry(
                "mcp_servers:\n  - 42\n", "field \"resources.mcp_servers[0]\": expected a name"),
            Map.entry(
                "mcp_servers:\n  - source: x\n",
                "field \"resources.mcp_servers[0].name\": missing"),
            Map.entry(
                "inherit_best_from: [T0, T8]\n",
                "field \"inherit_best_from[1]\": unknown tier 'T8'"),
            Map.entry("resources: [1, 2]\n", "field \"resources\": expected a mapping"),
            Map.entry("name: [unclosed\n", "not valid YAML (line"),
            Map.entry("", "empty YAML document"),
            Map.entry("agent_teams: 1\n", "field \"agent_teams\": expected true or false"));
    int i = 0;
    for (var e : cases.entrySet()) {
      Path c = InputFixtures.catalogue(tmp.resolve("c" + i++));
      Path file = c.resolve("subtests/t1/05-broken.yaml");
      InputFixtures.write(file, e.getKey());
      assertThatThrownBy(() -> Catalogues.load(c))
          .as(e.getKey())
          .isInstanceOfSatisfying(
              ScyllaException.class,
              ex -> {
                assertThat(ex.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
                assertThat(ex.getMessage())
                    .contains(file.toString())
                    .contains(e.getValue())
                    .doesNotContain("\n");
              });
    }
  }

  @Test
  void structuralProblems() throws Exception {
    Path c = InputFixtures.catalogue(tmp.resolve("a"));
    InputFixtures.write(c.resolve("subtests/t9/01-x.yaml"), "name: x\n");
    assertBad(c, "unknown tier directory 't9'");

    Path d = InputFixtures.catalogue(tmp.resolve("b"));
    InputFixtures.write(d.resolve("subtests/t0/02-again.yaml"), "name: x\n");
    assertBad(d, "subtest id 02 of T0 is also used by");

    Path e = InputFixtures.catalogue(tmp.resolve("e"));
    InputFixtures.write(e.resolve("tiers.yaml"), "tiers:\n  T7: {name: x}\n");
    assertBad(e, "tiers.yaml: field \"tiers.T7\": unknown tier 'T7'");

    Path f = tmp.resolve("f");
    Files.createDirectories(f.resolve("subtests/t0"));
    assertBad(f, "the catalogue has no subtests");

    assertBad(tmp.resolve("missing"), "catalogue directory does not exist");
    Files.createDirectories(tmp.resolve("plain"));
    assertBad(tmp.resolve("plain"), "not a tier/subtest catalogue (no subtests/ directory)");
  }

  @Test
  void resourcesRoundTripThroughTheManifestFormat() throws Exception {
    Catalogue c = Catalogues.load(InputFixtures.catalogue(tmp.resolve("c")));
    SubtestDefinition st = c.subtest("T1", "02").orElseThrow();
    SubtestResources baseline = c.subtest("T0", "02").orElseThrow().resources();
    ObjectNode manifest =
        ResourcesJson.configManifest(
            st, "subtests/t1/02-everything.yaml", st.resources(), baseline, "abc", Instant.EPOCH);
    assertThat(manifest.get("tier_id").asText()).isEqualTo("T1");
    assertThat(manifest.get("composed_at").asText()).isEqualTo("1970-01-01T00:00:00.000000+00:00");
    ObjectNode reread = Json.parseObject(Json.write(manifest).getBytes());
    assertThat(ResourcesJson.manifestResources(reread)).isEqualTo(st.resources());
    assertThat(ResourcesJson.fromJson(reread.get("inherited_from"))).isEqualTo(baseline);
    assertThatThrownBy(() -> ResourcesJson.fromJson(Json.parse("{\"tools\": {\"enabled\": 3}}")))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("resources.tools.enabled");
  }

  @Test
  void theReferenceCatalogueLoads() {
    Path root = SharedFixtures.catalogue();
    Catalogue c = Catalogues.load(root);
    assertThat(c.root()).isEqualTo(root.resolve("tests/claude-code/shared"));
    Map<String, Integer> counts =
        c.subtests().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("T0", 24, "T1", 10, "T2", 15, "T3", 41, "T4", 14, "T5", 15, "T6", 1));
    assertThat(c.subtestCount()).isEqualTo(120);
    assertThat(c.blocks()).hasSize(18);
    assertThat(
            c.agentsByLevel().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0, 1, 1, 6, 2, 4, 3, 24, 4, 6, 5, 3));
    assertThat(c.tier("T3").name()).isEqualTo("Delegation");
    assertThat(c.tier("T0").toolsEnabled()).isNull();

    SubtestDefinition t000 = c.subtest("T0", "00").orElseThrow();
    assertThat(t000.systemPromptMode()).isEqualTo(SystemPromptMode.NONE);
    assertThat(c.subtest("T0", "01").orElseThrow().systemPromptMode())
        .isEqualTo(SystemPromptMode.DEFAULT);
    assertThat(c.subtest("T0", "03").orElseThrow().resources().claudeMdBlocks()).hasSize(18);
    assertThat(c.subtest("T2", "01").orElseThrow().resources().tools().names())
        .containsExactly("Read", "Write", "Edit", "Glob", "Grep");
    assertThat(c.subtest("T2", "04").orElseThrow().resources().tools().all()).isTrue();
    assertThat(c.subtest("T2", "14").orElseThrow().resources().mcpServers()).hasSize(9);
    assertThat(c.subtest("T2", "15").orElseThrow().resources().mcpServers().get(0).configPath())
        .isEqualTo(".claude/mcp/custom.json");
    assertThat(c.subtest("T4", "08").orElseThrow().agentTeams()).isTrue();
    assertThat(c.subtest("T4", "01").orElseThrow().agentTeams()).isFalse();
    assertThat(c.subtest("T5", "15").orElseThrow().inheritBestFrom())
        .containsExactly("T0", "T1", "T2", "T3", "T4");
    SubtestDefinition t6 = c.subtest("T6", "01").orElseThrow();
    assertThat(t6.extendsPrevious()).isFalse();
    assertThat(t6.resources().agentLevels()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(t6.resources().skillCategories()).hasSize(9);
    // the reference's catalogue has lost its skills directory: T1 installs nothing (warned)
    assertThat(c.skillsByCategory()).isEmpty();
    assertThat(c.warnings()).anyMatch(w -> w.contains("skill category 'agent'"));
    assertThat(c.subtests().values().stream().flatMap(List::stream))
        .allMatch(s -> s.file().getFileName().toString().startsWith(s.id()));
  }

  private static void assertBad(Path dir, String expected) {
    assertThatThrownBy(() -> Catalogues.load(dir))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
              assertThat(e.getMessage()).contains(expected).doesNotContain("\n");
            });
  }
}
