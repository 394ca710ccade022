package org.rnn4j.seq2seq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.lm.CharModel;
import org.rnn4j.model.ConvRecurrentModel;

/**
 * Sequence-to-sequence model files: safetensors with the parameters under their names
 * ({@code source_embedding.weight}, {@code weight_ih_l0}, …, {@code out.weight}), the
 * {@link Seq2SeqConfig} in the metadata and, for a model of text, its {@link Seq2SeqText}
 * (vocabularies and generation bound), so the file alone translates. {@link #fromFile} is also the
 * {@link org.rnn4j.train.Checkpoint.ModelReader} that resumes a seq2seq run from its checkpoint.
 */
public final class Seq2SeqFile {
  private Seq2SeqFile() {}

  /** Writes atomically, with {@link ModelFile#write}. */
  public static void save(Path file, Seq2Seq model) throws IOException {
    ModelFile.write(file, model, Map.of());
  }

  public static Seq2Seq load(Path file) throws IOException {
    return fromFile(file, SafeTensors.read(file));
  }

  /**
   * Rebuilds the model a read file describes. A file of another model kind is an error naming
   * that kind; sizes the file's tensors cannot hold are refused before anything is allocated.
   */
  public static Seq2Seq fromFile(Path file, SafeTensorsFile f) {
    Map<String, String> meta = f.metadata();
    ModelFile.requireReadableFormat(file, meta);
    if (!meta.containsKey(Seq2SeqConfig.KIND_KEY)) {
      throw new FormatException(file + ": expected a sequence-to-sequence model (from 'rnn train --pairs'), found "
          + kindOf(meta));
    }
    Seq2SeqConfig config;
    Seq2SeqText text;
    try {
      config = Seq2SeqConfig.fromMetadata(meta);
      text = Seq2SeqText.isStoredIn(meta) ? Seq2SeqText.fromMetadata(meta) : null;
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
    ModelFile.requireRoomFor(file, f, config.leastParameterValues(), "source vocabulary " + config.sourceVocabulary()
        + ", target vocabulary " + config.targetVocabulary() + ", embedding " + config.embedding() + ", hidden "
        + config.hidden() + ", encoder " + config.encoderLayers() + " x " + config.encoderHidden() + ", attention size "
        + config.attentionSize());
    Seq2Seq model;
    try {
      model = new Seq2Seq(config, text, 0);
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
    ModelFile.readParameters(file, f, model.parameters());
    return model;
  }

  /** What a model file that is not a seq2seq model is, from its metadata, for error messages. */
  static String kindOf(Map<String, String> meta) {
    if (meta.containsKey(CharModel.VOCABULARY_KEY)) {
      return "a character language model (use 'rnn sample')";
    }
    if (meta.containsKey(ConvRecurrentModel.SPEC_KEY)) {
      return "a convolutional recurrent model";
    }
    if (meta.keySet().stream().anyMatch(k -> k.startsWith("rnn4j.series."))) {
      return "a time-series forecaster (use 'rnn predict')";
    }
    if (meta.containsKey("module")) {
      return "a recurrent model (" + meta.get("module") + ", " + meta.getOrDefault("rnn4j.cell", "no rnn4j cell") + ")";
    }
    return "no model metadata";
  }
}
