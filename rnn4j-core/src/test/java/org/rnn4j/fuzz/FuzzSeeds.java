package org.rnn4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Optimizers;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.TrainState;

/**
 * The generator of the fuzz targets' starting inputs ({@code seed-*} files beside the corpus and
 * the crash reproducers in {@code src/test/resources/org/rnn4j/fuzz/<Target>Inputs/<method>/}):
 * small valid files of each format, written by today's code. Run it with
 * {@code ./mvnw -pl rnn4j-core test -Dtest=FuzzSeeds -Drnn4j.fuzz.writeSeeds=true}.
 */
class FuzzSeeds {
  private static final Path ROOT = Path.of("src/test/resources/org/rnn4j/fuzz");

  @Test
  @EnabledIfSystemProperty(named = "rnn4j.fuzz.writeSeeds", matches = "true")
  void write() throws IOException {
    Path st = dir("SafeTensorsFuzzTest", "read");
    SafeTensors.write(st.resolve("seed-two-tensors"), Map.of("a", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
        "b", Tensor.of(new float[] {0.5f}, 1)), Map.of("k", "v"));
    Files.write(st.resolve("seed-f16-bf16-f64"), safetensors(
        "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[4,6]},"
            + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[6,14]},\"__metadata__\":{\"x\":\"1\"}}", 14));

    Path npy = dir("NpyFuzzTest", "read");
    Npy.write(npy.resolve("seed-f4-2x3"), Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
    Npy.write(npy.resolve("seed-f4-scalar"), Tensor.of(new float[] {7}));
    Files.write(npy.resolve("seed-i8-v2"), npy(2, "<i8", "(2,)", 16));
    Files.write(npy.resolve("seed-b1-v3"), npy(3, "|b1", "(1, 3)", 3));

    Path mf = dir("ModelFileFuzzTest", "load");
    ModelFile.save(mf.resolve("seed-elman"), tiny(ModelConfig.builder().hiddenSize(2).build()));
    ModelFile.save(mf.resolve("seed-lstm-bidirectional"), tiny(ModelConfig.builder().cell("lstm").hiddenSize(1)
        .bidirectional(true).inputSize(2).build()));
    ModelFile.save(mf.resolve("seed-gru-tokens"), tiny(ModelConfig.builder().cell("gru").hiddenSize(2).inputSize(3)
        .tokenInput(true).outputSize(3).loss("ce").build()), Map.of("rnn4j.vocabulary", "\"abc\""));

    Path cp = dir("CheckpointFuzzTest", "load");
    RnnModel model = tiny(ModelConfig.builder().hiddenSize(1).build());
    new Checkpoint<>(model, Optimizers.create("adam", 0.01), new Schedule.Constant(0.01),
        TrainState.start(TrainConfig.builder().epochs(1).batchSize(2).seed(1).build())).save(cp.resolve("seed-adam"));

    Path tc = dir("TrainConfigFuzzTest", "fromJson");
    text(tc.resolve("seed-defaults"), TrainConfig.defaults().toJson());
    text(tc.resolve("seed-cosine"), "{\"epochs\": 3, \"max_steps\": 100, \"schedule\": \"cosine\", \"warmup_steps\": 5,"
        + " \"optimizer\": \"sgd\", \"optimizer_options\": {\"momentum\": 0.9}, \"model\": {\"cell\": \"gru\","
        + " \"hidden_size\": 8, \"dropout\": 0.1}}");

    Path corpus = dir("TextCorpusFuzzTest", "fromUtf8");
    text(corpus.resolve("seed-ascii"), "hello, world\n");
    text(corpus.resolve("seed-unicode"), "\uFEFFh\u00e9llo \u2713 \uD834\uDD1E\n");

    Path vocab = dir("VocabularyFuzzTest", "fromJson");
    text(vocab.resolve("seed-symbols"), "\"\\n !,abc\u00e9\"");
    text(vocab.resolve("seed-words-reserved"), "{\"level\":\"word\",\"reserved\":[\"<bos>\",\"<eos>\"],\"symbols\":[\"ein\",\"Haus\"]}");
    text(vocab.resolve("seed-chars-unk"), "{\"level\":\"char\",\"reserved\":[\"<unk>\"],\"symbols\":[\"z\",\"a\"]}");
  }

  private static RnnModel tiny(ModelConfig config) {
    return new RnnModel(config, 1);
  }

  private static Path dir(String target, String method) throws IOException {
    return Files.createDirectories(ROOT.resolve(target + "Inputs").resolve(method));
  }

  private static void text(Path file, String s) throws IOException {
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  private static byte[] safetensors(String json, int dataBytes) {
    byte[] h = json.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + dataBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    for (int i = 0; i < dataBytes; i++) {
      b.put((byte) (0x3c + i));
    }
    return b.array();
  }

  private static byte[] npy(int major, String descr, String shape, int dataBytes) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int prefix = major == 1 ? 10 : 12;
    String header = dict + " ".repeat(63 - (prefix + dict.length()) % 64) + "\n";
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(prefix + header.length() + dataBytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    b.put(header.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < dataBytes; i++) {
      b.put((byte) (i % 3));
    }
    return b.array();
  }
}
