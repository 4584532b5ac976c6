package dev.scylla.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns request paths into files, refusing everything that is not a regular file inside a served
 * experiment: each segment is percent-decoded once, strictly, and a segment that is empty, {@code
 * .} or {@code ..}, or that holds a slash, a backslash, a NUL, a control character or a {@code %}
 * (double encoding) is refused; the file found is resolved with every symlink followed and must
 * still lie under the experiment's real directory.
 */
final class SafePaths {
  private SafePaths() {}

  /**
   * Decodes raw path segments ({@code a/b%20c}); empty when any segment is refused or badly
   * encoded.
   */
  static Optional<List<String>> segments(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (String part : raw.split("/", -1)) {
      Optional<String> s = decode(part);
      if (s.isEmpty() || !acceptable(s.get())) {
        return Optional.empty();
      }
      out.add(s.get());
    }
    return Optional.of(out);
  }

  static boolean acceptable(String segment) {
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Strict percent-decoding of one segment as UTF-8 ({@code +} stays a plus). */
  static Optional<String> decode(String part) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '%') {
        if (i + 2 >= part.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(part.charAt(i + 1), 16);
        int lo = Character.digit(part.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f) {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      } else {
        bytes.write(c);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The regular file the segments name inside {@code realRoot}, with symlinks resolved; empty when
   * it does not exist, is not a regular file or lies outside.
   */
  static Optional<Path> file(Path realRoot, List<String> segments) {
    Path p = realRoot;
    for (String s : segments) {
      p = p.resolve(s);
    }
    if (!p.normalize().startsWith(realRoot)) {
      return Optional.empty();
    }
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
        return Optional.empty();
      }
      return Optional.of(real);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Like {@link #file} for a directory (archives are listed). */
  static Optional<Path> directory(Path realRoot, Path candidate) {
    try {
      Path real = candidate.toRealPath();
      return real.startsWith(realRoot) && Files.isDirectory(real)
          ? Optional.of(real)
          : Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Whether a path's real location lies inside the root (false when it cannot be resolved). */
  static boolean inside(Path realRoot, Path p) {
    try {
      return p.toRealPath().startsWith(realRoot);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Whether the bytes are valid UTF-8 without NULs (shown as text). */
  static boolean decodeUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
