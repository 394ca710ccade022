package org.rnn4j.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.data.StoryCorpus;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.lm.NGramModel;

/**
 * The n-gram reference of {@code rnn eval --baseline ngram:N[:FILE]}: a Kneser–Ney n-gram model
 * of order N over the language model's vocabulary, trained on FILE, or by default on exactly what
 * the language model trained on: the first 90 % of the run's text, named by the {@code config.json}
 * beside the model file (the built-in story corpus when it names none).
 */
final class NGramBaseline {
  private NGramBaseline() {}

  /** The trained model and where its training text came from. */
  record Trained(NGramModel model, String source, int characters) {
    /** Prints and returns the bits per character of {@code tokens} under the n-gram model. */
    double score(int[] tokens, PrintWriter out) {
      return report(model.bitsPerCharacter(tokens), out);
    }

    /** Prints and returns {@code bpc}, the n-gram model's bits per character of a text scored elsewhere. */
    double report(double bpc, PrintWriter out) {
      out.printf(Locale.ROOT, "%.4f bits per character under the %d-gram baseline (Kneser-Ney, trained on %s: %,d characters)%n",
          bpc, model.order(), source, characters);
      return bpc;
    }
  }

  static Trained train(String spec, Path modelFile, Vocabulary vocabulary) throws IOException {
    String[] parts = spec.split(":", 3);
    int order = -1;
    if (parts.length >= 2 && parts[0].equals("ngram")) {
      try {
        order = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        order = -1;
      }
    }
    if (order < 1) {
      throw new IllegalArgumentException("--baseline: expected ngram:N or ngram:N:FILE with an order N >= 1, found '"
          + spec + "'");
    }
    boolean ownFile = parts.length == 3;
    TextCorpus corpus = ownFile ? read(Path.of(parts[2]), "a UTF-8 text file") : runText(modelFile);
    // Encoded with the language model's vocabulary, so both models predict the same symbols.
    TextCorpus encoded = TextCorpus.of(corpus.name(), corpus.vocabulary().decode(corpus.tokens().toArray()), vocabulary);
    int[] tokens = (ownFile ? encoded.tokens() : encoded.training()).toArray();
    String source = ownFile ? corpus.name() : corpus.name() + ", first 90 %";
    return new Trained(NGramModel.train(tokens, vocabulary.size(), order), source, tokens.length);
  }

  /** The text the model's run trained on, from the run's config.json. */
  private static TextCorpus runText(Path modelFile) throws IOException {
    Path config = modelFile.toAbsolutePath().resolveSibling("config.json");
    if (!Files.exists(config)) {
      throw new IllegalArgumentException("--baseline: expected the run's config.json beside " + modelFile
          + " to find the training text, found none; give the text as ngram:N:FILE");
    }
    Map<String, Object> m = JSON.std.mapFrom(Files.readString(config));
    Object data = m.get("data");
    if (data == null) {
      return TextCorpus.of("built-in story corpus", StoryCorpus.defaultText());
    }
    return read(Path.of(String.valueOf(data)), "the run's training text (from " + config + ")");
  }

  private static TextCorpus read(Path file, String what) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("--baseline: expected " + what + " at " + file + ", found no such file;"
          + " give the n-gram's training text as ngram:N:FILE");
    }
    return TextCorpus.read(file);
  }
}
