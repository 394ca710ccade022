package org.rnn4j.classify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.math.Rng;
import org.rnn4j.model.Batch;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.tensor.Parameters;

/**
 * A sequence classifier: a many-to-one recurrent model with a softmax head over the classes,
 * trained with cross-entropy, together with how its inputs are encoded and its class names. Each
 * sequence is read up to its own last step (padded batches carry the lengths). The encoding and
 * the labels travel in the model file ({@value #KIND_KEY} = 1 and {@value #PREFIX}* keys), so
 * classifying new inputs needs only the file. It trains as its model does; being {@link Trainable}
 * itself, its best-model files and checkpoints carry the encoding and labels too.
 */
public record SequenceClassifier(RnnModel model, SequenceEncoding encoding, Labels labels) implements Trainable<Batch> {
  /** Metadata key that marks a classifier's file. */
  public static final String KIND_KEY = "rnn4j.classifier";
  /** Prefix of the classifier's other metadata keys. */
  public static final String PREFIX = "rnn4j.classifier.";
  /** Sequences per forward call when classifying: bounds the padded batch held in memory. */
  static final int CHUNK = 128;

  public SequenceClassifier {
    ModelConfig c = model.config();
    boolean fits = c.tokenInput() == encoding.tokenInput() && c.inputSize() == encoding.inputSize()
        && c.outputSize() == labels.size() && c.loss().equals("ce") && c.mapping().kind() == Mapping.Kind.MANY_TO_ONE;
    if (!fits) {
      throw new IllegalArgumentException("classifier: expected a many-to-one model with " + (encoding.tokenInput() ? "token " : "")
          + "input of size " + encoding.inputSize() + " and a softmax head of " + labels.size() + " classes (ce), found "
          + (c.tokenInput() ? "token " : "") + "input " + c.inputSize() + ", output " + c.outputSize() + ", loss " + c.loss()
          + ", mapping " + c.mapping().id());
    }
  }

  /** The classifier config: the recurrent part as given, then the input, head, loss and mapping a classifier needs. */
  public static ModelConfig config(ModelConfig.Builder recurrent, SequenceEncoding encoding, Labels labels) {
    return recurrent.inputSize(encoding.inputSize()).tokenInput(encoding.tokenInput()).outputSize(labels.size()).loss("ce")
        .mapping(Mapping.MANY_TO_ONE).build();
  }

  /**
   * The current weights ready for inference, to share among threads (see {@link PackedClassifier}):
   * pack once, and again after the weights change.
   */
  public PackedClassifier packed() {
    return new PackedClassifier(this);
  }

  /** The class probabilities of each sequence (softmax of the head), in order, on freshly packed weights. */
  public float[][] probabilities(List<Sequence> sequences) {
    return packed().probabilities(sequences);
  }

  /** The most probable class of each sequence. */
  public int[] predict(List<Sequence> sequences) {
    float[][] p = probabilities(sequences);
    int[] classes = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      classes[i] = OutputActivation.argmax(p[i], 0, p[i].length);
    }
    return classes;
  }

  /** Scores the classifier on labelled sequences. */
  public Confusion evaluate(LabeledSequences data) {
    return Confusion.of(data.labels(), predict(data.sequences()), labels.size());
  }

  @Override
  public Parameters parameters() {
    return model.parameters();
  }

  @Override
  public double lossAndGradient(Batch batch) {
    return model.lossAndGradient(batch);
  }

  @Override
  public void setTraining(boolean on) {
    model.setTraining(on);
  }

  @Override
  public long positions(Batch batch) {
    return model.positions(batch);
  }

  @Override
  public Rng trainingRng() {
    return model.trainingRng();
  }

  /** The model's config, the marker, the labels and the encoding. */
  @Override
  public Map<String, String> fileMetadata() {
    Map<String, String> m = model.fileMetadata();
    m.put(KIND_KEY, "1");
    m.put(PREFIX + "labels", labels.toJson());
    m.putAll(encoding.metadata());
    return m;
  }

  /** Writes the classifier atomically with its metadata and any extra entries. */
  public void save(Path file, Map<String, String> extraMetadata) throws IOException {
    ModelFile.write(file, this, extraMetadata);
  }

  public static SequenceClassifier load(Path file) throws IOException {
    return fromFile(file, SafeTensors.read(file));
  }

  /** Rebuilds a classifier from a read file; a file that is no classifier is an error naming its metadata keys. */
  public static SequenceClassifier fromFile(Path file, SafeTensorsFile f) {
    Map<String, String> m = f.metadata();
    if (!"1".equals(m.get(KIND_KEY))) {
      throw new FormatException(file + ": expected a classifier (metadata '" + KIND_KEY + "' = 1, written by rnn train "
          + "--classify), found metadata keys " + new ArrayList<>(m.keySet()));
    }
    try {
      return new SequenceClassifier(ModelFile.fromFile(file, f), SequenceEncoding.fromMetadata(m),
          Labels.fromJson(require(m, "labels")));
    } catch (FormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new FormatException(file + ": " + e.getMessage());
    }
  }

  static String require(Map<String, String> m, String key) {
    String v = m.get(PREFIX + key);
    if (v == null) {
      throw new IllegalArgumentException("expected metadata key '" + PREFIX + key + "', found none");
    }
    return v;
  }
}
