package org.rnn4j.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.Batching;
import org.rnn4j.data.Example;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;

/** Shared scoring helpers: run a model over equal-shape groups and compare with the targets. */
final class Evaluation {
  private Evaluation() {}

  /** The test examples grouped by input length, each group one batch, in first-seen order. */
  static Map<Integer, Batch> byLength(List<Example> test) {
    Map<Integer, List<Example>> groups = new LinkedHashMap<>();
    for (Example e : test) {
      groups.computeIfAbsent(e.x().rank() == 2 ? e.x().dim(0) : e.y().dim(0), k -> new ArrayList<>()).add(e);
    }
    Map<Integer, Batch> out = new LinkedHashMap<>();
    groups.forEach((len, g) -> out.put(len, Batching.stack(g)));
    return out;
  }

  /** Model outputs (T_out, B, O) for a batch whose targets have T_out steps. */
  static Tensor predict(RnnModel model, Batch batch) {
    Tensor y = batch.y();
    int outSteps = switch (model.config().mapping().kind()) {
      case MANY_TO_ONE -> 1;
      default -> y.dim(0);
    };
    return model.forward(batch.x(), outSteps, null).output();
  }

  /** Fractions of sequences whose every thresholded binary output matches, and of matching bits. */
  static double[] binaryExactAndBitAccuracy(Tensor out, Tensor target) {
    int t = out.dim(0), b = out.dim(1), o = out.dim(2);
    int exact = 0, bits = 0;
    for (int j = 0; j < b; j++) {
      boolean all = true;
      for (int s = 0; s < t; s++) {
        for (int k = 0; k < o; k++) {
          int i = (s * b + j) * o + k;
          boolean ok = (out.data()[i] > 0.5f) == (target.data()[i] > 0.5f);
          all &= ok;
          bits += ok ? 1 : 0;
        }
      }
      exact += all ? 1 : 0;
    }
    return new double[] {exact / (double) b, bits / (double) (t * b * o)};
  }

  /** Fraction of positions whose argmax equals the class-index target (T_out, B) or (B). */
  static double argmaxAccuracy(Tensor out, Tensor target) {
    int o = out.dim(out.rank() - 1);
    int n = out.size() / o;
    int hits = 0;
    for (int r = 0; r < n; r++) {
      hits += OutputActivation.argmax(out.data(), r * o, o) == (int) target.data()[r] ? 1 : 0;
    }
    return hits / (double) n;
  }

  static Tensor oneHot(int index, int n) {
    Tensor t = Tensor.zeros(n);
    t.data()[index] = 1f;
    return t;
  }
}
