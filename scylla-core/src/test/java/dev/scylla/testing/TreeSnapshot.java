package dev.scylla.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every entry of a directory tree with a digest of its content and its modification time, to assert
 * that a read-only command changed nothing (not even a timestamp).
 */
public final class TreeSnapshot {
  private TreeSnapshot() {}

  public static Map<String, String> of(Path root) {
    Map<String, String> out = new TreeMap<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String key = root.relativize(dir) + "/";
              if (!key.equals(".scylla/")) {
                out.put(key, "dir");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String key = root.relativize(file).toString();
              if (key.equals(".scylla/lock") || key.equals(".scylla/lock.json")) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isSymbolicLink()) {
                out.put(key, "link->" + Files.readSymbolicLink(file));
              } else if (attrs.isRegularFile()) {
                out.put(
                    key,
                    digest(Files.readAllBytes(file)) + "@" + attrs.lastModifiedTime().toMillis());
              } else {
                out.put(key, "other");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              out.put(root.relativize(file).toString(), "unreadable");
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
