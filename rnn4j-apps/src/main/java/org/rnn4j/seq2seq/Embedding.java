package org.rnn4j.seq2seq;

import java.util.Random;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Parameters.Param;

/**
 * Lookup table {@code e = W[token]}, W (V, E), named {@code name.weight} as {@code nn.Embedding}.
 * Forward copies rows instead of multiplying one-hot vectors; backward is the exact transpose of
 * that copy, a scatter-add {@code δW[token] += δe} (a token seen twice gets both gradients).
 */
public final class Embedding {
  private final String name;
  private final int vocabulary;
  private final int width;
  private Param w;
  private Parameters params;

  public Embedding(String name, int vocabulary, int width) {
    if (vocabulary <= 0 || width <= 0) {
      throw new IllegalArgumentException(name + ": expected positive vocabulary and width, found " + vocabulary + ", " + width);
    }
    this.name = name;
    this.vocabulary = vocabulary;
    this.width = width;
  }

  public int width() { return width; }
  public int vocabulary() { return vocabulary; }

  public void declare(Parameters.Builder b) {
    w = b.add(name + ".weight", vocabulary, width);
  }

  public void bind(Parameters p) {
    params = p;
    w = p.get(name + ".weight");
  }

  /** PyTorch's nn.Embedding default: standard normal entries. */
  public void initParams(Random rng) {
    float[] v = params.values();
    for (int i = 0; i < w.size(); i++) {
      v[w.offset() + i] = (float) rng.nextGaussian();
    }
  }

  /** Writes row r of out (stride outStride, from column outCol) = W[tokens[tokOff + r]] for r < n. */
  public void forward(int[] tokens, int tokOff, int n, float[] out, int outOff, int outStride, int outCol) {
    float[] v = params.values();
    for (int r = 0; r < n; r++) {
      int token = tokens[tokOff + r];
      if (token < 0 || token >= vocabulary) {
        throw new IllegalArgumentException(name + ": expected token ids in [0, " + vocabulary + "), found " + token);
      }
      System.arraycopy(v, w.offset() + token * width, out, outOff + r * outStride + outCol, width);
    }
  }

  /** δW[tokens[r]] += δout row r, the rows laid out as in forward. */
  public void backward(int[] tokens, int tokOff, int n, float[] dOut, int dOutOff, int dOutStride, int dOutCol) {
    float[] g = params.grads();
    for (int r = 0; r < n; r++) {
      int row = w.offset() + tokens[tokOff + r] * width;
      int src = dOutOff + r * dOutStride + dOutCol;
      for (int j = 0; j < width; j++) {
        g[row + j] += dOut[src + j];
      }
    }
  }
}
