package org.rnn4j.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnn4j.data.Example;
import org.rnn4j.loss.CtcDecoding;
import org.rnn4j.loss.CtcLoss;
import org.rnn4j.loss.SequenceLoss;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.seq2seq.TranslationScore;
import org.rnn4j.tensor.Tensor;

/**
 * Recognition without alignment: read noisy touch-tone signals and write the digits they dial.
 * Each digit sounds as two of seven frequency bands at once (its keypad row among four low bands,
 * its column among three high ones, as DTMF), at a random level, for 2–4 frames; digits are
 * separated by 1–3 frames of silence, and every band carries Gaussian noise (σ 0.2) in every frame. A
 * sequence of 40 frames dials 1–5 digits, so the targets say which digits were dialled but not
 * when. An LSTM with 11 outputs (the blank and the ten digits) is trained with {@link CtcLoss};
 * the metric is the character error rate of greedy (best-path) decoding, and the details add the
 * prefix beam search's. Baseline: the empty output, CER 1.
 */
public final class CtcDigits implements Task {
  static final int BANDS = 7, FRAMES = 40, MAX_DIGITS = 5, BEAM_WIDTH = 8;
  static final double NOISE = 0.2;

  @Override public String name() { return "ctc-digits"; }
  @Override public String description() { return "noisy touch-tone frames -> the digits dialled, aligned by CTC"; }
  @Override public String metric() { return "cer"; }
  @Override public boolean higherIsBetter() { return false; }
  @Override public boolean solved(double value) { return value <= 0.005; }

  /** Softmax outputs for decoding; training replaces the per-step loss with {@link #sequenceLoss}. */
  @Override
  public ModelConfig.Builder model() {
    return ModelConfig.builder().cell("lstm").inputSize(BANDS).outputSize(11).loss("ce");
  }

  @Override
  public SequenceLoss sequenceLoss() {
    return new CtcLoss();
  }

  @Override
  public TaskSettings settings() {
    return new TaskSettings(20, 16, 0.02, 5.0, 32);
  }

  @Override
  public List<Example> trainingSet(Random rng) {
    return dialled(2000, NOISE, rng);
  }

  @Override
  public List<Example> testSet(Random rng) {
    return dialled(300, NOISE, rng);
  }

  /** The low band (keypad row) and the high band (column) of a digit: 1 2 3 / 4 5 6 / 7 8 9 / _ 0 _. */
  static int[] bands(int digit) {
    int key = digit == 0 ? 10 : digit - 1;
    return new int[] {key / 3, 4 + key % 3};
  }

  /** n dialled sequences with noise of this standard deviation (the same draws for any noise level). */
  static List<Example> dialled(int n, double noise, Random rng) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int digits = 1 + rng.nextInt(MAX_DIGITS);
      float[] x = new float[FRAMES * BANDS];
      float[] y = new float[MAX_DIGITS]; // labels digit + 1, padded with the blank 0
      int t = rng.nextInt(3); // leading silence
      for (int d = 0; d < digits; d++) {
        int digit = rng.nextInt(10);
        y[d] = digit + 1;
        float level = (float) (0.6 + 0.6 * rng.nextDouble());
        for (int end = t + 2 + rng.nextInt(3); t < end; t++) {
          for (int band : bands(digit)) {
            x[t * BANDS + band] = level;
          }
        }
        t += 1 + rng.nextInt(3); // silence after each digit
      }
      for (int k = 0; k < x.length; k++) {
        x[k] += (float) (noise * rng.nextGaussian());
      }
      out.add(new Example(Tensor.of(x, FRAMES, BANDS), Tensor.of(y, MAX_DIGITS)));
    }
    return out;
  }

  @Override
  public Score evaluate(RnnModel model, List<Example> test) {
    Batch batch = Evaluation.byLength(test).values().iterator().next();
    Tensor probs = model.forward(batch.x()).output(); // (T, B, 11)
    List<String> greedy = new ArrayList<>(), beam = new ArrayList<>(), refs = new ArrayList<>();
    for (int r = 0; r < test.size(); r++) {
      greedy.add(digits(CtcDecoding.greedy(probs, r, FRAMES)));
      beam.add(digits(CtcDecoding.beam(probs, r, FRAMES, BEAM_WIDTH)));
      refs.add(reference(test.get(r)));
    }
    TranslationScore g = TranslationScore.of(greedy, refs), b = TranslationScore.of(beam, refs);
    return new Score(g.characterErrorRate(), String.format("exact %.3f; beam %d: cer %.4f, exact %.3f",
        g.exactMatch(), BEAM_WIDTH, b.characterErrorRate(), b.exactMatch()));
  }

  /** Labels 1..10 as the digit string they stand for. */
  static String digits(int[] labels) {
    StringBuilder s = new StringBuilder();
    for (int l : labels) {
      s.append((char) ('0' + l - 1));
    }
    return s.toString();
  }

  static String reference(Example e) {
    List<Integer> labels = new ArrayList<>();
    for (float v : e.y().data()) {
      if (v != CtcLoss.BLANK) {
        labels.add((int) v);
      }
    }
    return digits(labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The empty output: every reference digit is an edit. */
  @Override
  public double baseline(List<Example> test) {
    return 1.0;
  }
}
