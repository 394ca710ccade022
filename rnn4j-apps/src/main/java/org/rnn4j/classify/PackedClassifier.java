package org.rnn4j.classify;

import java.util.Arrays;
import java.util.List;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.model.Batch;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Stepper;

/**
 * A classifier ready for inference on any number of threads. A unidirectional classifier streams:
 * up to {@link SequenceClassifier#CHUNK} sequences run side by side, a block of steps at a time,
 * as the rows of one {@link Stepper} on weights packed once (shared by all callers; each thread
 * has a stepper of its own, kept for its next calls of as many sequences), and each sequence's
 * probabilities are the softmax of its row's logits at its own last step — the same floats as
 * the model's batch forward, which reads each padded row up to its own last step. A
 * bidirectional classifier cannot stream (its reverse direction starts from the end), nor can
 * one whose cell reads older states ({@code skip:d}); those run the model's batch forward, whose
 * workspaces belong to the model, so their calls take turns.
 *
 * <p>The pack is a snapshot of the weights: after training further, pack again
 * ({@link SequenceClassifier#packed}).
 */
public final class PackedClassifier {
  /**
   * Rows (steps × sequences) per stepper call: enough steps for one sequence alone to pay the
   * call's fixed cost rarely, and workspaces that stay small for a chunk of many.
   */
  private static final int BLOCK_ROWS = 1024;
  private final SequenceClassifier classifier;
  private final PackedModel packed; // null: the batch forward
  private final ThreadLocal<Stepper> steppers = new ThreadLocal<>(); // each thread's last stepper, kept while B stays

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
    int c = classifier.labels().size(), width = classifier.encoding().tokenInput() ? 1 : classifier.encoding().inputSize();
    float[][] out = new float[sequences.size()][];
    for (int from = 0; from < sequences.size(); from += SequenceClassifier.CHUNK) {
      List<Sequence> chunk = sequences.subList(from, Math.min(sequences.size(), from + SequenceClassifier.CHUNK));
      int b = chunk.size(), steps = 0;
      for (Sequence s : chunk) {
        steps = Math.max(steps, s.steps());
      }
      Stepper stepper = steppers.get();
      if (stepper == null || stepper.batch() != b) {
        steppers.set(stepper = packed.stepper(b));
      } else {
        stepper.reset();
      }
      int block = Math.max(1, Math.min(steps, BLOCK_ROWS / b)); // steps per call
      float[] x = new float[block * b * width]; // (T', B, I): zeros after a sequence's end
      for (int t0 = 0; t0 < steps; t0 += block) {
        int t1 = Math.min(steps, t0 + block);
        for (int t = t0; t < t1; t++) {
          for (int j = 0; j < b; j++) {
            Sequence s = chunk.get(j);
            int at = ((t - t0) * b + j) * width;
            if (t < s.steps()) {
              System.arraycopy(s.values(), t * width, x, at, width);
            } else {
              Arrays.fill(x, at, at + width, 0f);
            }
          }
        }
        float[] z = stepper.runLogits(x, t1 - t0); // (T', B, C); rows never interact, so padding reaches no other row
        for (int j = 0; j < b; j++) {
          int last = chunk.get(j).steps() - 1;
          if (last >= t0 && last < t1) { // row j's last step: its softmax is the sequence's answer
            int at = ((last - t0) * b + j) * c;
            float[] p = Arrays.copyOfRange(z, at, at + c);
            OutputActivation.softmaxRow(p, 0, c, p);
            out[from + j] = p;
          }
        }
      }
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
