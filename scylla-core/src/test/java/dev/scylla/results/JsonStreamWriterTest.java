package dev.scylla.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.store.Json;
import dev.scylla.store.JsonStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming writer produces exactly what {@link Json#write} produces for the same tree. */
class JsonStreamWriterTest {

  @Test
  void streamedTreesMatchTheTreeWriter() throws IOException {
    Random rnd = new Random(11);
    for (int i = 0; i < 300; i++) {
      JsonNode tree = randomTree(rnd, 0);
      StringWriter sw = new StringWriter();
      JsonStreamWriter w = new JsonStreamWriter(sw);
      stream(w, tree, rnd);
      w.finish();
      assertThat(sw.toString()).isEqualTo(Json.write(tree));
    }
  }

  @Test
  void filesAreCopiedAtTheirDepthAsTheTreeWouldBeWritten() throws IOException {
    Random rnd = new Random(5);
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("jsw", ".json");
    try {
      for (int i = 0; i < 200; i++) {
        JsonNode inner = randomTree(rnd, 1);
        java.nio.file.Files.writeString(tmp, Json.write(inner));
        ObjectNode outer = Json.object();
        outer.putArray("a").addObject().set("b", inner);
        StringWriter sw = new StringWriter();
        JsonStreamWriter w = new JsonStreamWriter(sw);
        w.beginObject().name("a").beginArray().beginObject().name("b").valueFromFile(tmp);
        w.endObject().endArray().endObject().finish();
        assertThat(sw.toString()).isEqualTo(Json.write(outer));
      }
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  @Test
  void nonFiniteNumbersAreNull() throws IOException {
    StringWriter sw = new StringWriter();
    JsonStreamWriter w = new JsonStreamWriter(sw);
    w.beginObject().name("cop").value(Double.POSITIVE_INFINITY).name("x").valueOrNull(null);
    w.endObject().finish();
    assertThat(sw.toString()).isEqualTo("{\n  \"cop\": null,\n  \"x\": null\n}\n");
  }

  @Test
  void misuseIsRejected() {
    JsonStreamWriter w = new JsonStreamWriter(new StringWriter());
    assertThatThrownBy(() -> w.beginObject().value(1L)).isInstanceOf(IllegalStateException.class);
    JsonStreamWriter u = new JsonStreamWriter(new StringWriter());
    assertThatThrownBy(() -> u.beginArray().finish()).isInstanceOf(IllegalStateException.class);
  }

  /** Writes a tree either through the streaming calls or as an embedded subtree, at random. */
  private static void stream(JsonStreamWriter w, JsonNode n, Random rnd) throws IOException {
    if (rnd.nextInt(4) == 0 || n.isValueNode()) {
      if (n.isTextual()) {
        w.value(n.textValue());
      } else if (n.isIntegralNumber()) {
        w.value(n.longValue());
      } else if (n.isNumber()) {
        w.value(n.doubleValue());
      } else if (n.isBoolean()) {
        w.value(n.booleanValue());
      } else if (n.isNull()) {
        w.nullValue();
      } else {
        w.value(n);
      }
      return;
    }
    if (n.isObject()) {
      w.beginObject();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        var e = it.next();
        w.name(e.getKey());
        stream(w, e.getValue(), rnd);
      }
      w.endObject();
    } else {
      w.beginArray();
      for (JsonNode c : n) {
        stream(w, c, rnd);
      }
      w.endArray();
    }
  }

  private static JsonNode randomTree(Random rnd, int depth) {
    int kind = depth > 3 ? rnd.nextInt(5) : rnd.nextInt(7);
    switch (kind) {
      case 0:
        return Json.nodes().textNode("s\u00e9\"\n" + rnd.nextInt(100));
      case 1:
        return Json.nodes().numberNode(rnd.nextLong() % 100000);
      case 2:
        return Json.nodes().numberNode(rnd.nextDouble() * Math.pow(10, rnd.nextInt(30) - 10));
      case 3:
        return Json.nodes().booleanNode(rnd.nextBoolean());
      case 4:
        return Json.nodes().nullNode();
      case 5:
        ObjectNode o = Json.object();
        int k = rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
          o.set("k" + i, randomTree(rnd, depth + 1));
        }
        return o;
      default:
        ArrayNode a = Json.nodes().arrayNode();
        int m = rnd.nextInt(4);
        for (int i = 0; i < m; i++) {
          a.add(randomTree(rnd, depth + 1));
        }
        return a;
    }
  }
}
