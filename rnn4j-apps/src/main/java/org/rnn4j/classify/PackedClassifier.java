package org.rnn4j.classify;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.model.Batch;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;

/**
 * A classifier ready for inference on any number of threads. A unidirectional classifier streams:
 * each sequence runs through a {@link Stepper} on weights packed once (shared by all callers,
 * each call with workspaces of its own), and its probabilities are the output at its last step
 * — the same floats as the model's batch forward, which reads each padded row up to its own
 * last step. A bidirectional classifier cannot stream (its reverse direction starts from the
 * end), nor can one whose cell reads older states ({@code skip:d}); those run the model's batch
 * forward, whose workspaces belong to the model, so their calls take turns.
 *
 * <p>The pack is a snapshot of the weights: after training further, pack again
 * ({@link SequenceClassifier#packed}).
 */
public final class PackedClassifier {
  private final SequenceClassifier classifier;
  private final PackedModel packed; // null: the batch forward

  PackedClassifier(SequenceClassifier classifier) {
    this.classifier = classifier;
    this.packed = PackedModel.streams(classifier.model()) ? classifier.model().packed() : null;
  }

  public SequenceClassifier classifier() {
    return classifier;
  }

  /** Whether the sequences stream through a stepper (false: the batch forward, one call at a time). */
  public boolean streams() {
    return packed != null;
  }

  /** The class probabilities of each sequence (softmax of the head), in order. */
  public float[][] probabilities(List<Sequence> sequences) {
    if (packed == null) {
      synchronized (classifier.model()) {
        return batchProbabilities(classifier.model(), sequences, classifier.encoding().tokenInput());
      }
    }
    float[][] out = new float[sequences.size()][];
    Stepper stepper = packed.stepper(1);
    int c = stepper.outputWidth();
    for (int i = 0; i < out.length; i++) {
      Sequence s = sequences.get(i);
      stepper.reset();
      float[] p = stepper.run(s.values(), s.steps()); // (T, 1, C): the probabilities of every prefix
      out[i] = Arrays.copyOfRange(p, (s.steps() - 1) * c, s.steps() * c);
    }
    return out;
  }

  /**
   * The reference: padded batches of up to {@link SequenceClassifier#CHUNK} sequences through
   * the model's forward, each row read at its own last step.
   */
  static float[][] batchProbabilities(RnnModel model, List<Sequence> sequences, boolean tokenInput) {
    float[][] out = new float[sequences.size()][];
    int c = model.config().outputWidth();
    for (int from = 0; from < sequences.size(); from += SequenceClassifier.CHUNK) {
      List<Sequence> chunk = sequences.subList(from, Math.min(sequences.size(), from + SequenceClassifier.CHUNK));
      Batch b = LabeledSequences.batch(chunk, null, tokenInput);
      float[] p = model.forward(b.x(), 1, null, b.lengths()).output().data(); // (1, B, C)
      for (int j = 0; j < chunk.size(); j++) {
        out[from + j] = Arrays.copyOfRange(p, j * c, (j + 1) * c);
      }
    }
    return out;
  }
}
