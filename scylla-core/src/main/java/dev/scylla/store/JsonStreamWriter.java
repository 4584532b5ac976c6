package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON document incrementally in exactly the format of {@link Json#write}: Python's
 * {@code json.dump(indent=2)} layout, ASCII escapes, shortest round-trip floats, {@code null} for
 * non-finite numbers, and a trailing newline. Large documents (an experiment's {@code result.json}
 * embeds every run) are produced without building their tree in memory; subtrees that are already
 * in memory are written with {@link #value(JsonNode)}.
 */
public final class JsonStreamWriter {
  private final Writer out;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private boolean afterName;
  private boolean done;
  private final StringBuilder buf = new StringBuilder(256);

  private static final class Frame {
    final boolean object;
    int count;

    Frame(boolean object) {
      this.object = object;
    }
  }

  public JsonStreamWriter(Writer out) {
    this.out = out;
  }

  /** A writer over a byte stream; the output is pure ASCII. */
  public static JsonStreamWriter over(OutputStream out) {
    return new JsonStreamWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
  }

  public JsonStreamWriter beginObject() throws IOException {
    prefix();
    out.write('{');
    stack.push(new Frame(true));
    return this;
  }

  public JsonStreamWriter endObject() throws IOException {
    close(true, '}');
    return this;
  }

  public JsonStreamWriter beginArray() throws IOException {
    prefix();
    out.write('[');
    stack.push(new Frame(false));
    return this;
  }

  public JsonStreamWriter endArray() throws IOException {
    close(false, ']');
    return this;
  }

  /** The key of the next member of the current object. */
  public JsonStreamWriter name(String key) throws IOException {
    Frame f = stack.peek();
    if (f == null || !f.object || afterName) {
      throw new IllegalStateException("name outside an object: " + key);
    }
    newElement(f);
    buf.setLength(0);
    Json.string(key, buf);
    buf.append(": ");
    out.append(buf);
    afterName = true;
    return this;
  }

  public JsonStreamWriter value(String s) throws IOException {
    prefix();
    if (s == null) {
      out.write("null");
    } else {
      buf.setLength(0);
      Json.string(s, buf);
      out.append(buf);
    }
    return this;
  }

  public JsonStreamWriter value(double d) throws IOException {
    prefix();
    out.write(Json.formatDouble(d));
    return this;
  }

  /** A double that may be absent: {@code null} when null. */
  public JsonStreamWriter valueOrNull(Double d) throws IOException {
    if (d == null) {
      return nullValue();
    }
    return value(d.doubleValue());
  }

  public JsonStreamWriter value(long l) throws IOException {
    prefix();
    out.write(Long.toString(l));
    return this;
  }

  public JsonStreamWriter value(boolean b) throws IOException {
    prefix();
    out.write(b ? "true" : "false");
    return this;
  }

  public JsonStreamWriter nullValue() throws IOException {
    prefix();
    out.write("null");
    return this;
  }

  /** Writes a whole subtree at the current position ({@code null} for a Java null). */
  public JsonStreamWriter value(JsonNode node) throws IOException {
    prefix();
    if (node == null) {
      out.write("null");
      return this;
    }
    buf.setLength(0);
    Json.append(node, buf, stack.size());
    out.append(buf);
    return this;
  }

  /**
   * Writes the JSON document of {@code file} at the current position, as {@link #value(JsonNode)}
   * would write it, without parsing it: every line after the first is indented to the current
   * depth. The file must be in this writer's format (as {@link Json#write} writes it: no raw
   * newline inside a string); its trailing newline is dropped.
   */
  public JsonStreamWriter valueFromFile(java.nio.file.Path file) throws IOException {
    prefix();
    String pad = "  ".repeat(stack.size());
    try (java.io.Reader in =
        new java.io.InputStreamReader(
            java.nio.file.Files.newInputStream(file), StandardCharsets.US_ASCII)) {
      char[] buf = new char[1 << 15];
      boolean pendingNewline = false;
      int n;
      while ((n = in.read(buf)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            out.write(buf, start, i - start);
            if (pendingNewline) {
              out.write('\n');
              out.write(pad);
            }
            pendingNewline = true;
            start = i + 1;
          } else if (pendingNewline) {
            out.write('\n');
            out.write(pad);
            pendingNewline = false;
            out.write(buf, start, i - start);
            start = i;
          }
        }
        out.write(buf, start, n - start);
      }
    }
    return this;
  }

  /** Ends the document with the trailing newline and flushes; every container must be closed. */
  public void finish() throws IOException {
    if (!stack.isEmpty() || afterName) {
      throw new IllegalStateException("unclosed JSON container");
    }
    if (!done) {
      out.write('\n');
      done = true;
    }
    out.flush();
  }

  private void prefix() throws IOException {
    if (afterName) {
      afterName = false;
      return;
    }
    Frame f = stack.peek();
    if (f == null) {
      if (done) {
        throw new IllegalStateException("a JSON document holds one value");
      }
      return;
    }
    if (f.object) {
      throw new IllegalStateException("value without a name inside an object");
    }
    newElement(f);
  }

  private void newElement(Frame f) throws IOException {
    if (f.count > 0) {
      out.write(',');
    }
    out.write('\n');
    indent(stack.size());
    f.count++;
  }

  private void close(boolean object, char bracket) throws IOException {
    Frame f = stack.peek();
    if (f == null || f.object != object || afterName) {
      throw new IllegalStateException("mismatched " + bracket);
    }
    stack.pop();
    if (f.count > 0) {
      out.write('\n');
      indent(stack.size());
    }
    out.write(bracket);
  }

  private void indent(int depth) throws IOException {
    for (int i = 0; i < depth; i++) {
      out.write("  ");
    }
  }
}
