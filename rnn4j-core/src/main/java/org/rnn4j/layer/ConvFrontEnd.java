package org.rnn4j.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.rnn4j.cell.Activation;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * A stack of {@link Conv1d} layers, each optionally followed by {@link Pool1d}, with its own
 * parameter buffer ({@code conv.0.weight}, {@code conv.0.bias}, …): x (T, B, C_in) → (T', B, C).
 * An empty stack passes its input through unchanged.
 *
 * <p>Spec syntax (also the {@code rnn4j.conv} metadata value): layers separated by ',', each
 * {@code <C_out>k<K>} followed by '-'-separated options {@code s<S>} (stride, default 1),
 * {@code same} or {@code valid} (default), an activation ({@code relu} default, {@code tanh},
 * {@code identity}, {@code sigmoid}), {@code max<P>[/<S>]} or {@code avg<P>[/<S>]} (pooling,
 * stride defaults to P). Example: {@code 16k5-same-relu-max2,32k3-same-relu-max2}. {@code none}
 * is the empty stack.
 */
public final class ConvFrontEnd {
  /** One layer's settings; {@code pool} is null for no pooling. */
  public record LayerSpec(int channels, int kernel, int stride, boolean same, Activation activation, Pool1d.Kind pool,
      int poolSize, int poolStride) {
    @Override
    public String toString() {
      return channels + "k" + kernel + "-s" + stride + "-" + (same ? "same" : "valid") + "-" + activation.id()
          + (pool == null ? "" : "-" + pool.id() + poolSize + "/" + poolStride);
    }
  }

  private final String spec;
  private final int inChannels;
  private final List<Conv1d> convs = new ArrayList<>();
  private final List<Pool1d> pools = new ArrayList<>(); // null entries: no pooling after that layer
  private Parameters params;
  private int lastSteps, lastBatch;

  /** A front end for inputs of {@code inChannels}; weights from a seeded generator (PyTorch's default). */
  public ConvFrontEnd(String spec, int inChannels, long seed) {
    List<LayerSpec> layers = parse(spec);
    this.spec = canonical(layers);
    this.inChannels = inChannels;
    Parameters.Builder b = new Parameters.Builder();
    int c = inChannels;
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      Conv1d conv = new Conv1d("conv." + i, c, l.channels(), l.kernel(), l.stride(), l.same(), l.activation());
      conv.declare(b);
      convs.add(conv);
      pools.add(l.pool() == null ? null : new Pool1d(l.pool(), l.poolSize(), l.poolStride()));
      c = l.channels();
    }
    this.params = b.build();
    Random rng = new Random(seed);
    for (Conv1d conv : convs) {
      conv.bind(params);
      conv.initParams(rng);
    }
  }

  /**
   * Moves the front end's parameters into {@code shared} (which holds them under the same names,
   * e.g. {@link Parameters#concat}); the front end then reads and accumulates there.
   */
  public void bind(Parameters shared) {
    params = shared;
    convs.forEach(conv -> conv.bind(shared));
  }

  /** The canonical spec ("none" for the empty stack). */
  public String spec() { return spec; }
  public int inChannels() { return inChannels; }
  public int outChannels() { return convs.isEmpty() ? inChannels : convs.get(convs.size() - 1).outChannels(); }
  public Parameters parameters() { return params; }
  public boolean isEmpty() { return convs.isEmpty(); }

  /** T' for an input of T steps. */
  public int outputSteps(int t) {
    for (int i = 0; i < convs.size(); i++) {
      t = convs.get(i).outputSteps(t);
      if (pools.get(i) != null) {
        t = pools.get(i).outputSteps(t);
      }
    }
    return t;
  }

  /** Features (T', B, C) from x (T, B, C_in). */
  public Tensor forward(Tensor x) {
    x.requireShape("conv input (T, B, C_in)", -1, -1, inChannels);
    int t = x.dim(0), b = x.dim(1);
    lastSteps = t;
    lastBatch = b;
    float[] h = x.data();
    for (int i = 0; i < convs.size(); i++) {
      h = convs.get(i).forward(h, t, b);
      t = convs.get(i).lastOutputSteps();
      if (pools.get(i) != null) {
        h = pools.get(i).forward(h, t, b, convs.get(i).outChannels());
        t = pools.get(i).lastOutputSteps();
      }
    }
    return Tensor.of(convs.isEmpty() ? h.clone() : h, t, b, outChannels());
  }

  /** Accumulates parameter gradients from δfeatures (T', B, C) of the last forward; returns δx (T, B, C_in). */
  public Tensor backward(Tensor dFeatures) {
    float[] d = dFeatures.data();
    for (int i = convs.size() - 1; i >= 0; i--) {
      if (pools.get(i) != null) {
        d = pools.get(i).backward(d);
      }
      Conv1d conv = convs.get(i);
      int inSteps = i == 0 ? lastSteps : stepsBefore(i);
      float[] dx = new float[inSteps * lastBatch * conv.inChannels()];
      conv.backward(d, dx);
      d = dx;
    }
    return Tensor.of(d, lastSteps, lastBatch, inChannels);
  }

  /** The input length of layer i in the last forward. */
  private int stepsBefore(int i) {
    int t = lastSteps;
    for (int j = 0; j < i; j++) {
      t = convs.get(j).outputSteps(t);
      if (pools.get(j) != null) {
        t = pools.get(j).outputSteps(t);
      }
    }
    return t;
  }

  public static String canonical(List<LayerSpec> layers) {
    return layers.isEmpty() ? "none" : String.join(",", layers.stream().map(LayerSpec::toString).toList());
  }

  /** Parses the spec syntax of the class comment. */
  public static List<LayerSpec> parse(String spec) {
    List<LayerSpec> out = new ArrayList<>();
    String s = spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("none") || s.isEmpty()) {
      return out;
    }
    for (String layer : s.split(",")) {
      String[] parts = layer.trim().split("-");
      String[] ck = parts[0].split("k");
      if (ck.length != 2) {
        throw bad(layer, "<C_out>k<K> first, e.g. 16k5");
      }
      int channels = number(ck[0], layer), kernel = number(ck[1], layer), stride = 1, poolSize = 0, poolStride = 0;
      boolean same = false;
      Activation act = Activation.RELU;
      Pool1d.Kind pool = null;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i];
        if (p.equals("same") || p.equals("valid")) {
          same = p.equals("same");
        } else if (p.matches("s\\d+")) {
          stride = number(p.substring(1), layer);
        } else if (p.matches("(max|avg)\\d+(/\\d+)?")) {
          pool = p.startsWith("max") ? Pool1d.Kind.MAX : Pool1d.Kind.AVG;
          String[] sz = p.substring(3).split("/");
          poolSize = number(sz[0], layer);
          poolStride = sz.length > 1 ? number(sz[1], layer) : poolSize;
        } else {
          try {
            act = Activation.parse(p);
          } catch (IllegalArgumentException e) {
            throw bad(layer, "options s<S>, same, valid, relu, tanh, identity, sigmoid, max<P>[/<S>], avg<P>[/<S>]; '" + p + "' is none of them");
          }
        }
      }
      out.add(new LayerSpec(channels, kernel, stride, same, act, pool, poolSize, poolStride));
    }
    return out;
  }

  private static int number(String s, String layer) {
    try {
      int v = Integer.parseInt(s);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(layer, "positive integers, found '" + s + "'");
  }

  private static IllegalArgumentException bad(String layer, String expected) {
    return new IllegalArgumentException("conv spec '" + layer + "': expected " + expected);
  }
}
