package org.rnn4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cli.TestModels;
import org.rnn4j.math.Kernels;

/**
 * 32 concurrent clients on 127.0.0.1 against one server, bounded in time and count: zero errors
 * and every response identical to the same request's response sent alone; then the same with
 * every tenth request malformed, which get 400 or 413 while the good ones stay identical.
 * Throughput and p50/p99 latency are printed ("[load] ..."). The figures in docs/performance.md
 * come from {@code -Drnn4j.load.seconds=20 -Drnn4j.load.model=RUN/model.safetensors} (the default
 * here: 2 s, at most 25 requests per client, on a small untrained model).
 */
class ServeLoadTest {
  private static final int CLIENTS = 32;
  private static final double SECONDS = Double.parseDouble(System.getProperty("rnn4j.load.seconds", "2"));
  private static final int MAX_PER_CLIENT = Integer.getInteger("rnn4j.load.requests", SECONDS > 2 ? Integer.MAX_VALUE : 25);
  /** Malformed /generate requests of every kind the server refuses, and the status each gets. */
  private static final List<String> MALFORMED = List.of("{\"prime\": \"Day", "{\"lenght\": 50}", "{\"length\": \"50\"}",
      "{\"length\": 100000000}", "{\"prime\": \"~\"}", "[]", "{\"text\": 5}");
  private static final int[] MALFORMED_STATUS = {400, 400, 400, 413, 400, 400, 400};

  @TempDir Path dir;

  record Outcome(long good, long malformed, long errors, double seconds, double[] goodMillis) {}

  @Test
  void thirtyTwoClientsGetTheSequentialResponsesAndMalformedRequestsLeaveTheGoodOnesAlone() throws Exception {
    String modelProperty = System.getProperty("rnn4j.load.model");
    Path model = modelProperty != null ? Path.of(modelProperty) : TestModels.charModel(dir, 32);
    int previousThreads = Kernels.threads();
    Kernels.setThreads(1); // as rnn serve runs: parallel requests, each product on its request's thread
    int threads = Runtime.getRuntime().availableProcessors();
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, threads, new Limits(1 << 20, 10_000))) {
      List<String> requests = requests();
      List<String> expected = new ArrayList<>();
      Http alone = new Http(server.port());
      for (String r : requests) {
        Http.Response response = alone.post(ModelServerTest.path(r), r);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        expected.add(response.body());
      }
      load(server.port(), requests, expected, false); // warm-up: the JIT compiles the hot paths
      Outcome clean = load(server.port(), requests, expected, false);
      report("clean", clean, threads, model);
      assertThat(clean.errors()).isZero();
      assertThat(clean.good()).isGreaterThanOrEqualTo(CLIENTS);

      Outcome mixed = load(server.port(), requests, expected, true);
      report("10% malformed", mixed, threads, model);
      assertThat(mixed.errors()).isZero();
      assertThat(mixed.malformed()).isPositive();
    } finally {
      Kernels.setThreads(previousThreads);
    }
  }

  /** 16 distinct requests: generations of 100 characters with 12 seeds, and 4 texts of 400 characters to score. */
  private static List<String> requests() throws Exception {
    List<String> r = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      r.add(i % 4 == 3 ? Http.json(Map.of("text", TestModels.TEXT.substring(i * 100, i * 100 + 400)))
          : "{\"prime\": \"Day \", \"length\": 100, \"temperature\": 0.8, \"seed\": " + i + "}");
    }
    return r;
  }

  /** Every client sends requests until the time or its count runs out; counts mismatches and failures as errors. */
  private static Outcome load(int port, List<String> requests, List<String> expected, boolean malformed)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime(), end = start + (long) (SECONDS * 1e9);
    List<Future<long[]>> clients = new ArrayList<>();
    List<List<Double>> millis = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      List<Double> mine = new ArrayList<>();
      millis.add(mine);
      clients.add(pool.submit(() -> {
        Http http = new Http(port);
        long good = 0, bad = 0, errors = 0;
        for (int i = 0; i < MAX_PER_CLIENT && System.nanoTime() < end; i++) {
          boolean refuse = malformed && i % 10 == client % 10;
          try {
            if (refuse) {
              int k = (client + i) % MALFORMED.size();
              Http.Response r = http.post("/generate", MALFORMED.get(k));
              errors += r.status() == MALFORMED_STATUS[k] && r.json().containsKey("error") ? 0 : 1;
              bad++;
            } else {
              int k = (client * 7 + i) % requests.size();
              long t0 = System.nanoTime();
              Http.Response r = http.post(ModelServerTest.path(requests.get(k)), requests.get(k));
              mine.add((System.nanoTime() - t0) / 1e6);
              errors += r.status() == 200 && r.body().equals(expected.get(k)) ? 0 : 1;
              good++;
            }
          } catch (Exception e) {
            errors++;
          }
        }
        return new long[] {good, bad, errors};
      }));
    }
    long good = 0, bad = 0, errors = 0;
    for (Future<long[]> f : clients) {
      long[] n = f.get();
      good += n[0];
      bad += n[1];
      errors += n[2];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double[] all = millis.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();
    return new Outcome(good, bad, errors, seconds, all);
  }

  private static void report(String run, Outcome o, int threads, Path model) {
    double[] ms = o.goodMillis();
    System.out.printf(Locale.ROOT, "[load] %s: %d clients, %d request threads, %s, %.1f s: %d good requests (%.1f/s), "
        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d malformed; %d errors%n", run, CLIENTS, threads, model.getFileName(),
        o.seconds(), o.good(), o.good() / o.seconds(), percentile(ms, 50), percentile(ms, 99),
        ms.length == 0 ? 0 : ms[ms.length - 1], o.malformed(), o.errors());
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = (sorted.length - 1) * q / 100.0;
    int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
