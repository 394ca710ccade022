package org.rnn4j.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/**
 * A character-level language model: a recurrent model reading token indices and predicting the
 * next token with a softmax head over the same vocabulary, trained with cross-entropy, together
 * with that vocabulary. The vocabulary travels in the model file ({@value #VOCABULARY_KEY}), so
 * sampling and evaluation need only the file.
 */
public record CharModel(RnnModel model, Vocabulary vocabulary) {
  public static final String VOCABULARY_KEY = "rnn4j.vocab";

  public CharModel {
    requireLanguageModel(model.config(), vocabulary.size());
  }

  /** The config of a character model: token input and softmax output of width V, mean CE, many-to-many. */
  public static ModelConfig config(String cell, int vocabularySize, int hidden, int layers, double dropout) {
    return ModelConfig.builder().cell(cell).inputSize(vocabularySize).tokenInput(true).hiddenSize(hidden).numLayers(layers)
        .dropout(dropout).outputSize(vocabularySize).loss("ce").reduction(ModelConfig.Reduction.MEAN)
        .mapping(Mapping.MANY_TO_MANY).build();
  }

  /** A freshly initialised model (seeded) for a vocabulary. */
  public static CharModel create(Vocabulary vocabulary, String cell, int hidden, int layers, double dropout, long seed) {
    return new CharModel(new RnnModel(config(cell, vocabulary.size(), hidden, layers, dropout), seed), vocabulary);
  }

  /**
   * A prime any text of this vocabulary can start from: a newline when the vocabulary has one (a
   * sample then starts like a new line of the text), else a space, else the first symbol.
   */
  public String defaultPrime() {
    for (int candidate : new int[] {'\n', ' '}) {
      if (vocabulary.contains(candidate)) {
        return Character.toString(candidate);
      }
    }
    return Character.toString(vocabulary.codePoint(0));
  }

  /** Writes the model with its vocabulary and any extra metadata, atomically. */
  public void save(Path file, Map<String, String> extraMetadata) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(extraMetadata);
    meta.put(VOCABULARY_KEY, vocabulary.toJson());
    ModelFile.save(file, model, meta);
  }

  /** Reads a model file written by {@link #save}; a file without a vocabulary is a clear error. */
  public static CharModel load(Path file) throws IOException {
    return fromFile(file, SafeTensors.read(file));
  }

  /** As {@link #load}, from the file's contents already read (named {@code file} in errors). */
  public static CharModel fromFile(Path file, SafeTensorsFile f) {
    String vocab = f.metadata().get(VOCABULARY_KEY);
    if (vocab == null) {
      throw new FormatException(file + ": expected a character model with metadata '" + VOCABULARY_KEY
          + "' (written by rnn train), found metadata keys " + f.metadata().keySet());
    }
    try {
      return new CharModel(ModelFile.fromFile(file, f), Vocabulary.fromJson(vocab));
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
  }

  private static void requireLanguageModel(ModelConfig c, int v) {
    boolean ok = c.tokenInput() && c.inputSize() == v && c.outputSize() == v && c.loss().equals("ce")
        && c.mapping().kind() == Mapping.Kind.MANY_TO_MANY;
    if (!ok) {
      throw new IllegalArgumentException("character model: expected token input of size " + v
          + ", a softmax head of width " + v + ", loss ce and mapping many-to-many, found token input " + c.tokenInput()
          + ", input size " + c.inputSize() + ", output size " + c.outputSize() + ", loss " + c.loss() + ", mapping "
          + c.mapping().id());
    }
  }
}
