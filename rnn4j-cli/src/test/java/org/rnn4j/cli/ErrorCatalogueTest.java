package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;

/**
 * Runs every entry of docs/errors.md through the CLI: each "$ rnn …" line with the files it
 * names made here, and checks that the next line is what stderr says and that the exit code is 2.
 */
class ErrorCatalogueTest {
  static final Path CATALOGUE = Path.of("../docs/errors.md");

  @TempDir static Path dir;

  /** One documented error: its heading, the command's arguments and the expected line. */
  record Entry(String heading, List<String> args, String message) {
    @Override
    public String toString() {
      return heading;
    }
  }

  static Stream<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    String heading = null;
    List<String> lines = Files.readAllLines(CATALOGUE);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("### ")) {
        heading = line.substring(4);
      } else if (line.startsWith("    $ rnn ")) {
        String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
        if (!next.startsWith("    error: ")) {
          throw new AssertionError(heading + ": expected an 'error: ' line after '" + line.strip() + "'");
        }
        out.add(new Entry(heading, Arrays.asList(line.substring(10).split(" ")), next.strip()));
      }
    }
    assertThat(out).as("entries in " + CATALOGUE).hasSizeGreaterThan(15);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void everyDocumentedErrorIsOneLineAndExitCode2(Entry e) throws Exception {
    Map<String, Path> files = fixtures();
    String[] args = e.args().stream().map(a -> files.containsKey(a) ? files.get(a).toString() : a).toArray(String[]::new);
    CliTest.Run r = CliTest.run(args);
    String err = r.err().replace(dir + "/", "");
    assertThat(r.code()).as(e.heading() + ": " + err).isEqualTo(2);
    assertThat(err.strip()).as(e.heading()).isEqualTo(e.message());
  }

  /** The files the catalogue's commands name, made once. */
  private static Map<String, Path> fixtures() throws IOException {
    Map<String, Path> f = new LinkedHashMap<>();
    Path torch = dir.resolve("pytorch-lstm.safetensors");
    if (!Files.exists(torch)) {
      Files.copy(CliTest.REFERENCE.resolve("lstm_1l/model.safetensors"), torch);
    }
    f.put("pytorch-lstm.safetensors", torch);
    for (String name : List.of("missing.safetensors", "out")) {
      f.put(name, dir.resolve(name));
    }
    f.put("empty-dir", Files.createDirectories(dir.resolve("empty-dir")));
    write(f, "not-a-model.safetensors", "hello");
    write(f, "tiny.txt", "ab");
    write(f, "series.csv", "t,x\n0,1\n1,2\n");
    write(f, "bad-cell.csv", "t,x\n0,1\n1,abc\n2,3\n");
    write(f, "no-tab.tsv", "yes\tabc\nno abc\n");
    write(f, "one-class.tsv", "yes\tabc\nyes\tabd\n");
    write(f, "apart.csv", "id,x,label\na,1,p\nb,2,q\na,3,p\n");
    write(f, "unknown-key.json", "{\"epochs\": 2, \"learning_rate\": 0.1}");
    write(f, "negative-lr.json", "{\"epochs\": 2, \"lr\": -1}");
    Path truncated = dir.resolve("truncated.safetensors");
    if (!Files.exists(truncated)) {
      Files.write(truncated, Arrays.copyOf(Files.readAllBytes(torch), 100));
    }
    f.put("truncated.safetensors", truncated);
    Path newer = dir.resolve("newer.safetensors");
    if (!Files.exists(newer)) {
      SafeTensorsFile model = SafeTensors.read(torch);
      Map<String, String> meta = new LinkedHashMap<>(model.metadata());
      meta.put("rnn4j.format", "9");
      SafeTensors.write(newer, model.tensors(), meta);
    }
    f.put("newer.safetensors", newer);
    Path oldReadout = dir.resolve("old-bidirectional.safetensors");
    if (!Files.exists(oldReadout)) { // a bidirectional many-to-one model as written before its readout key
      SafeTensorsFile model = SafeTensors.read(CliTest.REFERENCE.resolveSibling("many_to_one/gru_1l_bi_lengths/model.safetensors"));
      Map<String, String> meta = new LinkedHashMap<>(model.metadata());
      meta.remove("rnn4j.readout");
      SafeTensors.write(oldReadout, model.tensors(), meta);
    }
    f.put("old-bidirectional.safetensors", oldReadout);
    f.put("x.npy", dir.resolve("x.npy"));
    return f;
  }

  private static void write(Map<String, Path> f, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    if (!Files.exists(p)) {
      Files.writeString(p, text);
    }
    f.put(name, p);
  }
}
