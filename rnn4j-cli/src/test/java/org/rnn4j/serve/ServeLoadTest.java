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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cli.TestModels;
import org.rnn4j.math.Kernels;

/**
 * 32 concurrent clients on 127.0.0.1 against one server of each model kind, bounded in time and
 * count: zero errors and every response identical to the same request's response sent alone; then
 * the same with every tenth request malformed, which get 400 or 413 while the good ones stay
 * identical. Throughput and p50/p99 latency are printed ("[load] ..."). The figures in
 * docs/performance.md come from {@code -Drnn4j.load.seconds=20} (and {@code
 * -Drnn4j.load.model=RUN/model.safetensors} for the character model; the default here: 2 s, at
 * most 25 requests per client, on small untrained models).
 */
class ServeLoadTest {
  private static final int CLIENTS = 32;
  private static final double SECONDS = Double.parseDouble(System.getProperty("rnn4j.load.seconds", "2"));
  private static final int MAX_PER_CLIENT = Integer.getInteger("rnn4j.load.requests", SECONDS > 2 ? Integer.MAX_VALUE : 25);

  @TempDir Path dir;

  record Request(String path, String body, int status) {}

  /** A model, the distinct good requests the clients send, and the malformed ones with the status each gets. */
  record Workload(Path model, List<Request> good, List<Request> malformed) {}

  record Outcome(long good, long malformed, long errors, double seconds, double[] goodMillis) {}

  @ParameterizedTest
  @ValueSource(strings = {"generate", "predict", "classify", "translate"})
  void thirtyTwoClientsGetTheSequentialResponsesAndMalformedRequestsLeaveTheGoodOnesAlone(String kind) throws Exception {
    Workload w = workload(kind);
    int previousThreads = Kernels.threads();
    Kernels.setThreads(1); // as rnn serve runs: parallel requests, each product on its request's thread
    int threads = Runtime.getRuntime().availableProcessors();
    try (ModelServer server = ModelServer.start(w.model(), "127.0.0.1", 0, threads, new Limits(1 << 20, 10_000))) {
      List<String> expected = new ArrayList<>();
      Http alone = new Http(server.port());
      for (Request r : w.good()) {
        Http.Response response = alone.post(r.path(), r.body());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        expected.add(response.body());
      }
      for (Request r : w.malformed()) {
        Http.Response response = alone.post(r.path(), r.body());
        assertThat(response.status()).as(r.body() + " -> " + response.body()).isEqualTo(r.status());
        assertThat(response.json()).as(r.body()).containsKey("error");
      }
      load(server.port(), w, expected, false); // warm-up: the JIT compiles the hot paths
      Outcome clean = load(server.port(), w, expected, false);
      report(kind + ", clean", clean, threads, w.model());
      assertThat(clean.errors()).isZero();
      assertThat(clean.good()).isGreaterThanOrEqualTo(CLIENTS);

      Outcome mixed = load(server.port(), w, expected, true);
      report(kind + ", 10% malformed", mixed, threads, w.model());
      assertThat(mixed.errors()).isZero();
      assertThat(mixed.malformed()).isPositive();
    } finally {
      Kernels.setThreads(previousThreads);
    }
  }

  /** Each kind's model and 16 distinct requests (fewer where the kind has fewer distinct inputs), and its malformed ones. */
  private Workload workload(String kind) throws Exception {
    List<Request> good = new ArrayList<>();
    switch (kind) {
      case "generate" -> { // three in four generations of 100 characters, one in four scores of 400
        String modelProperty = System.getProperty("rnn4j.load.model");
        Path model = modelProperty != null ? Path.of(modelProperty) : TestModels.charModel(dir, 32);
        for (int i = 0; i < 16; i++) {
          good.add(i % 4 == 3 ? ok("/score", Http.json(Map.of("text", TestModels.TEXT.substring(i * 100, i * 100 + 400))))
              : ok("/generate", "{\"prime\": \"Day \", \"length\": 100, \"temperature\": 0.8, \"seed\": " + i + "}"));
        }
        return new Workload(model, good, List.of(bad("/generate", "{\"prime\": \"Day", 400),
            bad("/generate", "{\"lenght\": 50}", 400), bad("/generate", "{\"length\": \"50\"}", 400),
            bad("/generate", "{\"length\": 100000000}", 413), bad("/generate", "{\"prime\": \"~\"}", 400),
            bad("/generate", "[]", 400), bad("/generate", "{\"text\": 5}", 400)));
      }
      case "predict" -> { // 10 more steps after 40–55 rows of a sine wave
        float[] series = TestModels.series(56);
        for (int i = 0; i < 16; i++) {
          List<Float> values = new ArrayList<>();
          for (int t = 0; t < 40 + i; t++) {
            values.add(series[t]);
          }
          good.add(ok("/predict", Http.json(Map.of("columns", Map.of("value", values), "steps", 10))));
        }
        return new Workload(TestModels.forecaster(dir), good, List.of(bad("/predict", "{\"columns\": {\"value\": [1, 2]}}", 400),
            bad("/predict", "{\"columns\": {\"other\": [1, 2]}}", 400), bad("/predict", "{\"steps\": 5}", 400),
            bad("/predict", "{\"columns\": {\"value\": [1, \"x\"]}}", 400),
            bad("/predict", "{\"columns\": {\"value\": [1,2,3,4,5,6,7,8,9,10]}, \"steps\": 10001}", 413)));
      }
      case "classify" -> { // lines of 20–95 characters
        for (int i = 0; i < 16; i++) {
          String text = TestModels.TEXT.substring(i * 37, i * 37 + 20 + 5 * i).replace('\n', ' ');
          good.add(ok("/classify", Http.json(Map.of("text", text))));
        }
        return new Workload(TestModels.textClassifier(dir), good, List.of(bad("/classify", "{}", 400),
            bad("/classify", "{\"text\": \"a\\nb\"}", 400), bad("/classify", "{\"text\": 5}", 400),
            bad("/classify", "{\"text\": \"a\", \"columns\": {}}", 400), bad("/classify", "[\"text\"]", 400)));
      }
      case "translate" -> { // the training words and others, greedy and with a beam of 3
        List<String> texts = List.of("abc", "hello", "day one", "boats", "xyz!", "boats abc", "olleh", "one day");
        for (String t : texts) {
          good.add(ok("/translate", Http.json(Map.of("text", t))));
          good.add(ok("/translate", Http.json(Map.of("text", t, "beam", 3))));
        }
        return new Workload(TestModels.translator(dir), good, List.of(bad("/translate", "{\"input\": \"abc\"}", 400),
            bad("/translate", "{\"text\": \"abc\", \"beam\": 0}", 400), bad("/translate", "{\"text\": \"a\\r\\nb\"}", 400),
            bad("/translate", "{\"text\": \"abc\", \"beam\": 100000}", 413), bad("/translate", "{\"text", 400)));
      }
      default -> throw new IllegalArgumentException(kind);
    }
  }

  private static Request ok(String path, String body) {
    return new Request(path, body, 200);
  }

  private static Request bad(String path, String body, int status) {
    return new Request(path, body, status);
  }

  /** Every client sends requests until the time or its count runs out; counts mismatches and failures as errors. */
  private static Outcome load(int port, Workload w, List<String> expected, boolean malformed) throws Exception {
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
              Request request = w.malformed().get((client + i) % w.malformed().size());
              Http.Response r = http.post(request.path(), request.body());
              errors += r.status() == request.status() && r.json().containsKey("error") ? 0 : 1;
              bad++;
            } else {
              int k = (client * 7 + i) % w.good().size();
              long t0 = System.nanoTime();
              Http.Response r = http.post(w.good().get(k).path(), w.good().get(k).body());
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
