package dev.scylla.analysis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a CSV file as pandas writes it (minimal quoting, doubled quotes), header first. */
public final class Csv {
  private Csv() {}

  public static List<Map<String, String>> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<List<String>> records = parse(text);
    List<Map<String, String>> out = new ArrayList<>();
    List<String> header = records.get(0);
    for (int i = 1; i < records.size(); i++) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), c < records.get(i).size() ? records.get(i).get(c) : "");
      }
      out.add(row);
    }
    return out;
  }

  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        rec.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        rec.add(field.toString());
        field.setLength(0);
        records.add(rec);
        rec = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !rec.isEmpty()) {
      rec.add(field.toString());
      records.add(rec);
    }
    return records;
  }
}
