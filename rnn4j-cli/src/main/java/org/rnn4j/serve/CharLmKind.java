package org.rnn4j.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.lm.BitsPerCharacter;
import org.rnn4j.lm.CharModel;
import org.rnn4j.lm.Sampler;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.PackedModel;

/**
 * A character language model (a file of {@code rnn train} with its vocabulary): {@code POST
 * /generate} samples text as {@code rnn sample} does, {@code POST /score} gives the bits per
 * character of a text as {@code rnn eval} does; the same settings give the same results.
 */
final class CharLmKind implements ServedKind {
  @Override
  public String name() {
    return "char-lm";
  }

  @Override
  public String recognises() {
    return "metadata " + CharModel.VOCABULARY_KEY + ", written by rnn train";
  }

  @Override
  public boolean accepts(SafeTensorsFile contents) {
    return contents.metadata().containsKey(CharModel.VOCABULARY_KEY);
  }

  @Override
  public ServedModel load(Path file, SafeTensorsFile contents, Limits limits) throws IOException {
    CharModel lm = CharModel.fromFile(file, contents); // read once, by the server
    PackedModel packed = lm.model().packed();
    Vocabulary vocabulary = lm.vocabulary();
    ModelConfig c = lm.model().config();
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("cell", c.cell());
    description.put("hidden", c.hiddenSize());
    description.put("layers", c.numLayers());
    description.put("vocabulary", vocabulary.size());
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    endpoints.put("/generate", request -> generate(request.allow("prime", "length", "temperature", "top_k", "seed"), lm,
        packed, limits));
    endpoints.put("/score", request -> score(request.allow("text"), packed, vocabulary));
    return new ServedModel(name(), description, endpoints);
  }

  /** {"prime", "length", "temperature", "top_k", "seed"} (the defaults of rnn sample) → {"text"}. */
  private static Map<String, Object> generate(JsonRequest request, CharModel lm, PackedModel packed, Limits limits) {
    String prime = request.string("prime", lm.defaultPrime());
    int length = limits.steps("length", request.integer("length", 500, 0, Integer.MAX_VALUE));
    double temperature = request.number("temperature", 0.8);
    int topK = request.integer("top_k", 0, 0, Integer.MAX_VALUE);
    long seed = request.longValue("seed", 1);
    if (!(temperature > 0)) {
      throw RequestException.badField("temperature", "expected a positive number, found " + temperature);
    }
    if (prime.isEmpty()) {
      throw RequestException.badField("prime", "expected at least one symbol to start from, found an empty text");
    }
    requireVocabulary("prime", prime, lm.vocabulary());
    String text = new Sampler(temperature, topK, seed).generate(packed, lm.vocabulary(), prime, length, 1).get(0);
    return Map.of("text", text);
  }

  /** {"text"} → {"bpc", "characters"}: the text read as one stream, as rnn eval reads it. */
  private static Map<String, Object> score(JsonRequest request, PackedModel packed, Vocabulary vocabulary) {
    String text = request.string("text");
    int[] tokens = requireVocabulary("text", text, vocabulary);
    if (tokens.length < 2) {
      throw RequestException.badField("text", "expected at least 2 characters, found " + tokens.length);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bpc", BitsPerCharacter.of(packed, tokens));
    out.put("characters", tokens.length);
    return out;
  }

  private static int[] requireVocabulary(String field, String text, Vocabulary vocabulary) {
    try {
      return vocabulary.encode(text);
    } catch (IllegalArgumentException e) {
      throw RequestException.badField(field, e.getMessage().replaceFirst("^text: ", ""));
    }
  }
}
