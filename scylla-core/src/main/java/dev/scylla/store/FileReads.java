package dev.scylla.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.FileFact;
import dev.scylla.model.Loaded;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reading helpers that turn files into {@link Loaded} values instead of exceptions. */
public final class FileReads {
  private FileReads() {}

  /** Decodes a parsed JSON object into a model value. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(ObjectNode o) throws CorruptFileException;
  }

  /** Reads, parses and decodes one JSON file. */
  public static <T> Loaded<T> readJson(Path file, Decoder<T> decoder) {
    Loaded<byte[]> bytes = readBytes(file);
    if (bytes instanceof Loaded.Present<byte[]> p) {
      try {
        return Loaded.present(decoder.decode(Json.parseObject(p.value())));
      } catch (CorruptFileException e) {
        return Loaded.corrupt(e.getMessage());
      } catch (RuntimeException e) {
        return Loaded.corrupt("unexpected content: " + e);
      }
    }
    return bytes.map(b -> null);
  }

  /**
   * Reads only the named top-level members of a JSON object file, skipping everything else without
   * building it in memory (an experiment's {@code result.json} embeds every run). Absent members
   * are absent from the result.
   */
  public static Loaded<ObjectNode> readTopLevel(Path file, java.util.Set<String> names) {
    if (!Files.exists(file)) {
      return Loaded.missing();
    }
    try (com.fasterxml.jackson.core.JsonParser p =
        Json.mapper().getFactory().createParser(file.toFile())) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return Loaded.corrupt("expected a JSON object");
      }
      ObjectNode out = Json.object();
      com.fasterxml.jackson.databind.ObjectReader values =
          Json.mapper()
              .reader()
              .without(
                  com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (names.contains(name)) {
          out.set(name, values.readTree(p));
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
        return Loaded.corrupt("not valid JSON: unexpected end");
      }
      return Loaded.present(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Loaded.corrupt("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Loaded.corrupt("unreadable: " + e.getMessage());
    }
  }

  /** Reads a whole file: missing when absent, corrupt when unreadable. */
  public static Loaded<byte[]> readBytes(Path file) {
    try {
      return Loaded.present(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Loaded.missing();
    } catch (AccessDeniedException e) {
      return Loaded.corrupt("unreadable: permission denied");
    } catch (FileSystemException e) {
      if (Files.isDirectory(file)) {
        return Loaded.corrupt("is a directory, not a file");
      }
      String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
      return Loaded.corrupt("unreadable: " + why);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        return Loaded.corrupt("is a directory, not a file");
      }
      return Loaded.corrupt("unreadable: " + e.getMessage());
    } catch (OutOfMemoryError e) {
      return Loaded.corrupt("too large to read");
    }
  }

  /** Existence and size of a regular file (following links); anything else counts as absent. */
  public static FileFact fact(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.isRegularFile() ? new FileFact(true, a.size()) : FileFact.ABSENT;
    } catch (IOException e) {
      return FileFact.ABSENT;
    }
  }
}
