package org.rnn4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cli.Main;
import org.rnn4j.cli.TestModels;

/** The server's endpoints give the CLI's results; bad requests get 400/413 naming the field; concurrency changes nothing. */
class ModelServerTest {
  @TempDir Path dir;

  @Test
  void generateAndScoreGiveWhatSampleAndEvalGive() throws Exception {
    Path model = TestModels.charModel(dir, 16);
    Path text = dir.resolve("text.txt");
    String scored = TestModels.TEXT.substring(0, 500);
    Files.writeString(text, scored, StandardCharsets.UTF_8);
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 2, new Limits(1 << 20, 1000))) {
      Http http = new Http(server.port());
      Map<String, Object> health = http.get("/health").json();
      assertThat(health).containsEntry("status", "ok").containsEntry("kind", "char-lm");
      assertThat(health.get("endpoints")).asList().containsExactly("GET /health", "POST /generate", "POST /score");

      Http.Response generated = http.post("/generate", "{\"prime\": \"Day \", \"length\": 80, \"temperature\": 0.7, \"seed\": 9}");
      assertThat(generated.status()).isEqualTo(200);
      String cli = cli("sample", "--model", model.toString(), "--prime", "Day ", "--length", "80", "--temperature", "0.7",
          "--seed", "9");
      assertThat(generated.json().get("text") + "\n").isEqualTo(cli);
      assertThat(http.post("/generate", "{\"prime\": \"Day \", \"length\": 30, \"top_k\": 1}").json().get("text") + "\n")
          .isEqualTo(cli("sample", "--model", model.toString(), "--prime", "Day ", "--length", "30", "--top-k", "1"));

      Map<String, Object> score = http.post("/score", Http.json(Map.of("text", scored))).json();
      Map<String, Object> eval = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(lastLine(cli("eval", "--model",
          model.toString(), "--data", text.toString(), "--json")));
      assertThat(score).containsEntry("characters", 500).containsEntry("bpc", eval.get("bpc"));
    }
  }

  @Test
  void predictGivesWhatPredictGives() throws Exception {
    Path model = TestModels.forecaster(dir);
    float[] series = TestModels.series(40);
    Path csv = dir.resolve("series.csv");
    StringBuilder rows = new StringBuilder("value\n");
    List<Float> values = new ArrayList<>();
    for (float v : series) {
      rows.append(v).append('\n');
      values.add(v);
    }
    Files.writeString(csv, rows.toString());
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 2, new Limits(1 << 20, 1000))) {
      Http http = new Http(server.port());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("columns", Map.of("value", values));
      body.put("steps", 5);
      Map<String, Object> forecast = http.post("/predict", Http.json(body)).json();
      assertThat(forecast).containsEntry("columns", List.of("value")).containsEntry("first_row", 40);
      List<String> expected = new ArrayList<>();
      for (Object v : (List<?>) ((Map<?, ?>) forecast.get("forecast")).get("value")) {
        expected.add(40 + expected.size() + "," + ((Number) v).floatValue());
      }
      String cli = cli("predict", "--model", model.toString(), "--data", csv.toString(), "--steps", "5");
      assertThat(cli).isEqualTo("row,value\n" + String.join("\n", expected) + "\n");

      assertError(http.post("/predict", "{\"columns\": {\"value\": [1, 2]}}"), 400, "columns",
          "columns: expected at least 10 data rows (the model's window), found 2");
      assertError(http.post("/predict", "{\"columns\": {\"other\": [1, 2]}}"), 400, "columns",
          "columns: expected the model's feature columns [value], found [other]");
      assertError(http.post("/predict", "{\"columns\": {\"value\": [1, \"x\"]}}"), 400, "columns.value",
          "columns.value: expected finite numbers, found the string \"x\" at index 1");
      body.put("steps", 1001);
      assertError(http.post("/predict", Http.json(body)), 413, "steps",
          "steps: expected at most 1000 (the server's --max-steps), found 1001");
    }
  }

  @Test
  void classifyGivesWhatClassifyJsonGives() throws Exception {
    Path model = TestModels.textClassifier(dir);
    List<String> texts = List.of("Day 12. At noon", "the boats", "", "Hanna cycled to the post office", "~~~ unknown ~~~");
    Path input = dir.resolve("texts.txt");
    Files.writeString(input, String.join("\n", texts) + "\n");
    String[] cli = cli("classify", "--model", model.toString(), "--input", input.toString(), "--json").split("\n");
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 2, new Limits(1 << 20, 1000))) {
      Http http = new Http(server.port());
      assertThat(http.get("/health").json()).containsEntry("kind", "classifier");
      List<String> requests = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        Map<String, Object> expected = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(cli[i]);
        assertThat(expected.remove("text")).isEqualTo(texts.get(i));
        requests.add(Http.json(Map.of("text", texts.get(i))));
        assertThat(http.post("/classify", requests.get(i)).json()).isEqualTo(expected);
      }
      assertConcurrentResponsesAreTheSequentialOnes(server.port(), "/classify", requests);
      assertError(http.post("/classify", "{}"), 400, "text", "text: expected a string, found no such field");
      assertError(http.post("/classify", "{\"text\": \"a\\nb\"}"), 400, "text",
          "text: expected one line of text (as the command reads), found a line break");
      assertError(http.post("/classify", "{\"text\": \"a\", \"columns\": {}}"), 400, "columns",
          "columns: unknown field; expected one of [text]");
    }
  }

  @Test
  void classifyOfACsvModelTakesOneSequencesColumnsAsClassifyReadsThem() throws Exception {
    Path model = TestModels.csvClassifier(dir); // bidirectional: the batch forward, one request at a time
    float[][] u = {{0.1f, 0.5f, 0.9f}, {2f, 1f, -1f, -3f, 0.5f}}, v = {{1f, 1.5f, -2f}, {0f, 0.25f, 3f, -1f, 2f}};
    StringBuilder csv = new StringBuilder("id,u,v,note\n");
    List<String> requests = new ArrayList<>();
    for (int s = 0; s < u.length; s++) {
      List<Float> us = new ArrayList<>(), vs = new ArrayList<>();
      for (int t = 0; t < u[s].length; t++) {
        csv.append("g").append(s).append(',').append(u[s][t]).append(',').append(v[s][t]).append(",x\n");
        us.add(u[s][t]);
        vs.add(v[s][t]);
      }
      requests.add(Http.json(Map.of("columns", Map.of("u", us, "v", vs, "note", List.of()))));
    }
    Path input = dir.resolve("sequences.csv");
    Files.writeString(input, csv.toString());
    String[] cli = cli("classify", "--model", model.toString(), "--input", input.toString(), "--json").split("\n");
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 2, new Limits(1 << 20, 1000))) {
      Http http = new Http(server.port());
      for (int s = 0; s < requests.size(); s++) {
        Map<String, Object> expected = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(cli[s]);
        assertThat(expected.remove("id")).isEqualTo("g" + s);
        assertThat(http.post("/classify", requests.get(s)).json()).isEqualTo(expected);
      }
      assertConcurrentResponsesAreTheSequentialOnes(server.port(), "/classify", requests);
      assertError(http.post("/classify", "{\"columns\": {\"u\": [1, 2]}}"), 400, "columns",
          "columns: expected the model's feature columns [u, v], found [u]");
      assertError(http.post("/classify", "{\"columns\": {\"u\": [1, 2], \"v\": [1]}}"), 400, "columns.v",
          "columns.v: expected 2 values like 'u', found 1");
      assertError(http.post("/classify", "{\"columns\": {\"u\": [], \"v\": []}}"), 400, "columns.u",
          "columns.u: expected at least one value (a step), found none");
      assertError(http.post("/classify", "{\"text\": \"abc\"}"), 400, "text", "text: unknown field; expected one of [columns]");
    }
  }

  @Test
  void translateGivesWhatTranslateGivesGreedyAndWithABeam() throws Exception {
    Path model = TestModels.translator(dir);
    List<String> texts = List.of("abc", "hello", "day one", "", "xyz!", "boats abc");
    Path input = dir.resolve("lines.txt");
    Files.writeString(input, String.join("\n", texts) + "\n");
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 2, new Limits(1 << 20, 1000))) {
      Http http = new Http(server.port());
      assertThat(http.get("/health").json()).containsEntry("kind", "translator").containsEntry("endpoints",
          List.of("GET /health", "POST /translate"));
      List<String> requests = new ArrayList<>();
      for (int beam : new int[] {1, 3}) {
        String[] cli = cli("translate", "--model", model.toString(), "--input", input.toString(), "--beam",
            String.valueOf(beam)).split("\n", -1);
        for (int i = 0; i < texts.size(); i++) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("text", texts.get(i));
          if (beam > 1) {
            body.put("beam", beam);
          }
          requests.add(Http.json(body));
          assertThat(http.post("/translate", requests.get(requests.size() - 1)).json()).as("%s, beam %d", texts.get(i), beam)
              .isEqualTo(Map.of("output", cli[i]));
        }
      }
      assertConcurrentResponsesAreTheSequentialOnes(server.port(), "/translate", requests);
      assertError(http.post("/translate", "{\"input\": \"abc\"}"), 400, "input",
          "input: unknown field; expected one of [beam, text]");
      assertError(http.post("/translate", "{\"text\": \"abc\", \"beam\": 0}"), 400, "beam",
          "beam: expected an integer in [1, 2147483647], found 0");
      assertError(http.post("/translate", "{\"text\": \"a\\r\\nb\"}"), 400, "text",
          "text: expected one line of text (as the command reads), found a line break");
      // the longest target has 7 characters: at most 16 output steps, so beams of up to 1000 / 16 = 62
      assertThat(http.post("/translate", "{\"text\": \"abc\", \"beam\": 62}").status()).isEqualTo(200);
      assertError(http.post("/translate", "{\"text\": \"abc\", \"beam\": 63}"), 413, "beam",
          "beam: expected at most 62 (the server's --max-steps 1000 over the model's 16 output steps), found 63");
    }
  }

  /** 8 clients send the requests 3 times over, concurrently: every response is the one the request got alone. */
  private static void assertConcurrentResponsesAreTheSequentialOnes(int port, String path, List<String> requests)
      throws Exception {
    Http http = new Http(port);
    List<String> sequential = new ArrayList<>();
    for (String r : requests) {
      sequential.add(http.post(path, r).body());
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> concurrent = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (String r : requests) {
          concurrent.add(clients.submit(() -> new Http(port).post(path, r).body()));
        }
      }
      for (int i = 0; i < concurrent.size(); i++) {
        assertThat(concurrent.get(i).get()).isEqualTo(sequential.get(i % requests.size()));
      }
    } finally {
      clients.shutdown();
    }
  }

  @Test
  void badRequestsGet400Or413NamingTheField() throws Exception {
    Path model = TestModels.charModel(dir, 8);
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 1, new Limits(2000, 500))) {
      Http http = new Http(server.port());
      assertError(http.post("/generate", "{\"prime\": \"Day"), 400, null, "body: expected a JSON object, found malformed JSON");
      assertError(http.post("/generate", "[1, 2]"), 400, null, "body: expected a JSON object, found an array");
      assertError(http.post("/generate", "{\"lenght\": 5}"), 400, "lenght",
          "lenght: unknown field; expected one of [length, prime, seed, temperature, top_k]");
      assertError(http.post("/generate", "{\"length\": \"5\"}"), 400, "length", "length: expected an integer, found the string \"5\"");
      assertError(http.post("/generate", "{\"length\": -1}"), 400, "length", "length: expected an integer in [0, 2147483647], found -1");
      assertError(http.post("/generate", "{\"temperature\": 0}"), 400, "temperature", "temperature: expected a positive number, found 0.0");
      assertError(http.post("/generate", "{\"prime\": \"Day ~\"}"), 400, "prime", "prime: expected symbols of the model's vocabulary, found '~' U+007E");
      assertError(http.post("/score", "{}"), 400, "text", "text: expected a string, found no such field");
      assertError(http.post("/score", "{\"text\": \"D\"}"), 400, "text", "text: expected at least 2 characters, found 1");
      assertError(http.post("/generate", "{\"length\": 501}"), 413, "length", "length: expected at most 500");
      assertError(http.post("/score", Http.json(Map.of("text", "a".repeat(3000)))), 413, null,
          "body: expected at most 2000 bytes (the server's --max-body), found 3011 bytes");
      assertError(http.post("/classify", "{}"), 404, null, "no endpoint POST /classify; this server has [GET /health, POST /generate, POST /score]");
      assertThat(http.post("/generate", "{\"length\": 5}").status()).isEqualTo(200); // and it still serves
    }
  }

  @Test
  void concurrentRequestsGiveTheSequentialResponses() throws Exception {
    Path model = TestModels.charModel(dir, 32);
    try (ModelServer server = ModelServer.start(model, "127.0.0.1", 0, 4, new Limits(1 << 20, 1000))) {
      List<String> requests = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        requests.add(i % 3 == 2 ? Http.json(Map.of("text", TestModels.TEXT.substring(i * 50, i * 50 + 300)))
            : "{\"prime\": \"Day \", \"length\": " + (40 + i) + ", \"seed\": " + i + "}");
      }
      Http http = new Http(server.port());
      List<String> sequential = new ArrayList<>();
      for (String r : requests) {
        sequential.add(http.post(path(r), r).body());
      }
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> concurrent = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          for (String r : requests) {
            concurrent.add(clients.submit(() -> new Http(server.port()).post(path(r), r).body()));
          }
        }
        for (int i = 0; i < concurrent.size(); i++) {
          assertThat(concurrent.get(i).get()).isEqualTo(sequential.get(i % requests.size()));
        }
      } finally {
        clients.shutdown();
      }
    }
  }

  @Test
  void aFileOfNoKnownKindIsOneLineAndExitCode2() throws Exception {
    Path plain = dir.resolve("plain.safetensors");
    org.rnn4j.io.ModelFile.save(plain, new org.rnn4j.model.RnnModel(org.rnn4j.model.ModelConfig.builder().build(), 1));
    assertThatThrownBy(() -> ModelServer.start(plain, "127.0.0.1", 0, 1, new Limits(100, 100)))
        .hasMessageContaining("expected a model file of a kind the server knows: char-lm (metadata rnn4j.vocab");
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new String[] {"serve", "--model", plain.toString(), "--port", "0"}, new java.io.PrintWriter(
        new java.io.StringWriter()), new java.io.PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: " + plain + ": expected a model file of a kind").doesNotContain("\n\t");
  }

  private static String path(String request) {
    return request.startsWith("{\"text\"") ? "/score" : "/generate";
  }

  private static void assertError(Http.Response r, int status, String field, String message) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    Map<String, Object> body = r.json();
    assertThat((String) body.get("error")).startsWith(message);
    assertThat(body.get("field")).isEqualTo(field);
  }

  private static String cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
    int code = Main.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }
}
