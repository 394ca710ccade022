package org.rnn4j.serve;

import com.fasterxml.jackson.jr.ob.JSON;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one model file over HTTP: the model is loaded (and its weights packed) once and shared
 * by every request thread; each request computes with workspaces of its own, so concurrent
 * requests give exactly what the same requests give one after the other (and what the CLI's
 * commands give). Endpoints: {@code GET /health} and the POST endpoints of the model's kind
 * ({@link ServedKind#KINDS}), each a JSON object in and out.
 *
 * <p>Errors are JSON {@code {"error": message, "field": name}}: 400 for a malformed body, an
 * unknown field, a missing field or a value of the wrong type or range; 413 for a body above
 * {@link Limits#maxBodyBytes} (checked before the body is parsed) or a length above
 * {@link Limits#maxSteps} (checked before any model work); 404 for an unknown path; 500 (and a
 * log line) for a failure of the server itself.
 */
public final class ModelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  /** Jetty's own threads (acceptor, selector, reserved) beside the request threads. */
  private static final int JETTY_THREADS = 8;

  private final Javalin app;
  private final ServedModel model;
  private final Semaphore working;
  private final Limits limits;

  private ModelServer(ServedModel model, int threads, Limits limits, Javalin app) {
    this.model = model;
    this.working = new Semaphore(threads, true);
    this.limits = limits;
    this.app = app;
  }

  /**
   * Loads {@code file} and serves it on {@code host:port} (port 0: any free port, see
   * {@link #port}) with {@code threads} requests computed at a time (more wait their turn).
   */
  public static ModelServer start(Path file, String host, int port, int threads, Limits limits) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: expected at least 1 request thread, found " + threads);
    }
    SafeTensorsFile contents = SafeTensors.read(file);
    ServedModel model = ServedKind.of(file, contents).load(file, contents, limits);
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.http.maxRequestSize = limits.maxBodyBytes();
      config.jetty.threadPool = new QueuedThreadPool(threads + JETTY_THREADS, Math.min(threads, 4) + 2);
    });
    ModelServer server = new ModelServer(model, threads, limits, app);
    server.routes();
    app.start(host, port);
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  public ServedModel model() {
    return model;
  }

  /** Stops listening and waits for the requests in progress. */
  @Override
  public void close() {
    app.stop();
  }

  private void routes() {
    app.get("/health", ctx -> json(ctx, 200, health()));
    for (Map.Entry<String, Endpoint> e : model.endpoints().entrySet()) {
      Endpoint endpoint = e.getValue();
      app.post(e.getKey(), ctx -> {
        JsonRequest request = JsonRequest.parse(body(ctx));
        working.acquire();
        Map<String, Object> response;
        try {
          response = endpoint.handle(request);
        } finally {
          working.release();
        }
        json(ctx, 200, response);
      });
    }
    app.exception(RequestException.class, (e, ctx) -> json(ctx, e.status(), error(e.getMessage(), e.field())));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.toString(), e);
      json(ctx, 500, error("internal error: " + e, null));
    });
    app.error(404, ctx -> json(ctx, 404, error("no endpoint " + ctx.method() + " " + ctx.path() + "; this server has "
        + paths(), null)));
  }

  /** The body as UTF-8, refused with 413 above the limit (also when no Content-Length says so in advance). */
  private String body(Context ctx) throws IOException {
    long max = limits.maxBodyBytes();
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw tooLarge(declared + " bytes");
    }
    byte[] bytes = ctx.req().getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
    if (bytes.length > max) {
      throw tooLarge("more");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private RequestException tooLarge(String found) {
    return new RequestException(413, null, "body: expected at most " + limits.maxBodyBytes()
        + " bytes (the server's --max-body), found " + found);
  }

  private Map<String, Object> health() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "ok");
    m.put("kind", model.kind());
    m.put("endpoints", paths());
    m.put("model", model.description());
    return m;
  }

  private List<String> paths() {
    List<String> p = new ArrayList<>(List.of("GET /health"));
    model.endpoints().keySet().forEach(path -> p.add("POST " + path));
    return p;
  }

  private static Map<String, Object> error(String message, String field) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    if (field != null) {
      m.put("field", field);
    }
    return m;
  }

  private static void json(Context ctx, int status, Map<String, Object> body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.std.asString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
