package dev.scylla.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests written byte for byte, so request targets reach the server exactly as given (no
 * client-side normalisation of {@code ..} or of percent escapes).
 */
final class RawHttp {
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  static Response get(URI base, String target) throws IOException {
    return request(base, "GET", target, "127.0.0.1:" + base.getPort());
  }

  static Response request(URI base, String method, String target, String host) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      String req =
          method
              + " "
              + target
              + " HTTP/1.1\r\n"
              + (host == null ? "" : "Host: " + host + "\r\n")
              + "Connection: close\r\n\r\n";
      out.write(req.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = dechunk(body);
      }
      return new Response(status, headers, body);
    }
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int nl = body.indexOf("\r\n", i);
      if (nl < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(i, nl).trim(), 16);
      if (size == 0) {
        break;
      }
      // sizes count bytes; the bodies here are ASCII or whole UTF-8 chunks
      byte[] rest = body.substring(nl + 2).getBytes(StandardCharsets.UTF_8);
      String chunk = new String(rest, 0, Math.min(size, rest.length), StandardCharsets.UTF_8);
      out.append(chunk);
      i = nl + 2 + chunk.length() + 2;
    }
    return out.toString();
  }
}
