package dev.scylla.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.CallSpend;
import dev.scylla.model.Pricing;
import dev.scylla.model.RateLimit;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The common part of the HTTP judge backends: the request body is saved as {@code
 * http_request.json} (headers, and so API keys, are not), the raw response body as {@code
 * http_response.body} and its status line and headers as {@code http_response_headers.txt}, all
 * before the answer is read. HTTP 429 and 529 are limits, 401 and 403 configuration failures.
 */
abstract class HttpJudgeClient implements JudgeClient {
  private final HttpClient http;
  private final URI endpoint;
  protected final Clock clock;

  HttpJudgeClient(HttpClient http, URI endpoint, Clock clock) {
    this.http = http;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The request body for one call. */
  abstract ObjectNode body(JudgeCall call);

  /** Headers to send, secrets included (never persisted). */
  abstract Map<String, String> headers();

  /** The answer text of a successful response, or empty when it has none. */
  abstract Optional<String> answer(ObjectNode response);

  /** The tokens a successful response reports in its {@code usage}, or null when it has none. */
  abstract TokenStats usage(ObjectNode response);

  /** The header that tells when a limit resets (RFC 3339), or null. */
  String resetHeader() {
    return null;
  }

  @Override
  public String version() {
    return null;
  }

  @Override
  public List<String> rawFiles() {
    return List.of(
        RunFiles.Slot.HTTP_REQUEST,
        RunFiles.Slot.HTTP_RESPONSE,
        RunFiles.Slot.HTTP_RESPONSE_HEADERS);
  }

  @Override
  public ClientReply call(JudgeCall call, Cancellation cancellation) throws IOException {
    byte[] body = dev.scylla.store.Json.write(body(call)).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(call.outputDir().resolve(RunFiles.Slot.HTTP_REQUEST), body);
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(endpoint)
            .timeout(call.timeout())
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers().forEach(rb::header);
    if (cancellation.isCancelled()) {
      return new ClientReply.Cancelled();
    }
    CompletableFuture<HttpResponse<byte[]>> f =
        http.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    Runnable unregister = cancellation.onCancel(() -> f.cancel(true));
    HttpResponse<byte[]> resp;
    try {
      resp = await(f, call, cancellation);
    } catch (HttpTimeoutException e) {
      return new ClientReply.Failed(
          "no answer from "
              + endpoint
              + " within "
              + ClaudeCliClient.seconds(call.timeout())
              + " s",
          true,
          false);
    } catch (ConnectException e) {
      return ClientReply.Failed.of("cannot connect to " + endpoint + ": " + e);
    } catch (IOException e) {
      if (cancellation.isCancelled()) {
        return new ClientReply.Cancelled();
      }
      return ClientReply.Failed.of("request to " + endpoint + " failed: " + e);
    } finally {
      unregister.run();
    }
    if (resp == null) {
      return new ClientReply.Cancelled();
    }
    byte[] raw = resp.body() == null ? new byte[0] : resp.body();
    AtomicFiles.write(call.outputDir().resolve(RunFiles.Slot.HTTP_RESPONSE), raw);
    StringBuilder head = new StringBuilder("HTTP " + resp.statusCode() + "\n");
    new TreeMap<>(resp.headers().map())
        .forEach((k, vs) -> vs.forEach(v -> head.append(k).append(": ").append(v).append('\n')));
    AtomicFiles.writeString(
        call.outputDir().resolve(RunFiles.Slot.HTTP_RESPONSE_HEADERS), head.toString());
    String text = new String(raw, StandardCharsets.UTF_8);
    int status = resp.statusCode();
    // 400 "Your credit balance is too low" (Anthropic): a hard limit, not a bad request to retry
    if (status == 429 || status == 529 || (status == 400 && RateLimit.namesQuota(text))) {
      return new ClientReply.Limited(
          RateLimit.ofHttp(
              status,
              resp.headers().firstValue("retry-after").orElse(null),
              resetHeader() == null ? null : resp.headers().firstValue(resetHeader()).orElse(null),
              text,
              clock.instant()));
    }
    if (status == 401 || status == 403) {
      return new ClientReply.Failed(
          "HTTP " + status + " from " + endpoint + " (check the API key): " + snippet(text),
          false,
          true);
    }
    if (status < 200 || status >= 300) {
      return ClientReply.Failed.of("HTTP " + status + " from " + endpoint + ": " + snippet(text));
    }
    Optional<ObjectNode> json = ResponseJson.parseObject(text);
    if (json.isEmpty()) {
      return ClientReply.Failed.of(
          "the response from " + endpoint + " is not a JSON object: " + snippet(text));
    }
    Optional<String> answer = answer(json.get());
    if (answer.isEmpty()) {
      return ClientReply.Failed.of(
          "the response from " + endpoint + " holds no answer text: " + snippet(text));
    }
    return new ClientReply.Answered(answer.get(), spend(call.model(), usage(json.get())));
  }

  private static HttpResponse<byte[]> await(
      CompletableFuture<HttpResponse<byte[]>> f, JudgeCall call, Cancellation c)
      throws IOException {
    long deadline = System.nanoTime() + call.timeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
    boolean interrupted = false;
    try {
      while (true) {
        if (c.isCancelled()) {
          f.cancel(true);
          return null;
        }
        try {
          return f.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (System.nanoTime() > deadline) {
            f.cancel(true);
            throw new HttpTimeoutException("request timed out");
          }
        } catch (InterruptedException e) {
          interrupted = true;
          f.cancel(true);
          return null;
        } catch (java.util.concurrent.CancellationException e) {
          return null;
        } catch (ExecutionException e) {
          if (c.isCancelled()) {
            // cancelling the exchange completes it with an IOException: that is our cancel
            return null;
          }
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          throw new IOException(String.valueOf(cause), cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The cost of reported tokens: from the price table when the judge model has its own prices there
   * (else the model name sent, when it differs), otherwise unknown (never 0).
   */
  CallSpend spend(String model, TokenStats tokens) {
    if (tokens == null) {
      return CallSpend.UNKNOWN;
    }
    if (!Pricing.known(model) && apiModel() != null && Pricing.known(apiModel())) {
      return CallSpend.priced(apiModel(), tokens);
    }
    return CallSpend.priced(model, tokens);
  }

  /** The model name sent to the API when it differs from the judge model, or null. */
  abstract String apiModel();

  static long count(com.fasterxml.jackson.databind.JsonNode n) {
    return n != null && n.canConvertToLong() ? Math.max(0, n.longValue()) : 0;
  }

  static String snippet(String s) {
    String t = s.strip().replace('\n', ' ');
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
