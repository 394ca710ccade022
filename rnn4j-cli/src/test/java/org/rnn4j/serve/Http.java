package org.rnn4j.serve;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for the server tests: one HTTP/1.1 connection pool per instance. */
final class Http {
  record Response(int status, String body) {
    Map<String, Object> json() throws IOException {
      return JSON.std.mapFrom(body);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Response post(String path, String body) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  Response get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  static String json(Map<String, ?> fields) throws IOException {
    return JSON.std.asString(fields);
  }
}
