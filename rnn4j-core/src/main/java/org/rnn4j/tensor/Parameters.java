package org.rnn4j.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * All trainable parameters of a model in one flat buffer, with a twin buffer for gradients.
 * Named views follow PyTorch's {@code state_dict} names, so optimizers, clipping and checkpoints
 * work on two arrays, and files map name by name.
 */
public final class Parameters {

  /** One named tensor inside the flat buffers. */
  public record Param(String name, int offset, int[] shape) {
    public int size() {
      return Tensor.sizeOf(shape);
    }
  }

  private final float[] values;
  private final float[] grads;
  private final Map<String, Param> byName;

  private Parameters(List<Param> params, int total) {
    this.values = new float[total];
    this.grads = new float[total];
    Map<String, Param> m = new LinkedHashMap<>();
    for (Param p : params) {
      m.put(p.name(), p);
    }
    this.byName = Collections.unmodifiableMap(m);
  }

  public float[] values() {
    return values;
  }

  public float[] grads() {
    return grads;
  }

  public int size() {
    return values.length;
  }

  public Map<String, Param> params() {
    return byName;
  }

  public Param get(String name) {
    Param p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; have " + byName.keySet());
    }
    return p;
  }

  /**
   * Sets the values of each of {@code ps} uniform in ±limit, one {@code rng.nextFloat()} per value
   * in order (PyTorch's default initialisation has limit = 1/√fan_in).
   */
  public void uniform(float limit, Random rng, Param... ps) {
    for (Param p : ps) {
      uniform(values, p.offset(), p.size(), limit, rng);
    }
  }

  /** values[off .. off + n) uniform in ±limit, as {@link #uniform(float, Random, Param...)}. */
  public static void uniform(float[] values, int off, int n, float limit, Random rng) {
    for (int i = 0; i < n; i++) {
      values[off + i] = (2f * rng.nextFloat() - 1f) * limit;
    }
  }

  /**
   * One buffer holding the parameters of {@code parts} in order (names must not repeat), with
   * their current values; the parts' components are then bound to it, so a composed model keeps
   * one flat buffer for its optimizer, clipping and files.
   */
  public static Parameters concat(Parameters... parts) {
    Builder b = new Builder();
    for (Parameters part : parts) {
      part.byName.values().forEach(p -> b.add(p.name(), p.shape()));
    }
    Parameters all = b.build();
    int off = 0;
    for (Parameters part : parts) {
      System.arraycopy(part.values, 0, all.values, off, part.size());
      off += part.size();
    }
    return all;
  }

  public void zeroGrads() {
    java.util.Arrays.fill(grads, 0f);
  }

  /** A copy of one parameter's values as a tensor. */
  public Tensor value(String name) {
    return slice(values, get(name));
  }

  /** A copy of one parameter's gradient as a tensor. */
  public Tensor grad(String name) {
    return slice(grads, get(name));
  }

  /** Overwrites one parameter's values; the shape must match exactly. */
  public void set(String name, Tensor t) {
    Param p = get(name);
    t.requireShape(name, p.shape());
    System.arraycopy(t.data(), 0, values, p.offset(), p.size());
  }

  private static Tensor slice(float[] buf, Param p) {
    float[] out = new float[p.size()];
    System.arraycopy(buf, p.offset(), out, 0, out.length);
    return Tensor.of(out, p.shape());
  }

  /** Collects parameter declarations, then allocates the buffers once. */
  public static final class Builder {
    private final List<Param> params = new ArrayList<>();
    private int total;

    public Param add(String name, int... shape) {
      for (Param p : params) {
        if (p.name().equals(name)) {
          throw new IllegalArgumentException("parameter '" + name + "' declared twice");
        }
      }
      Param p = new Param(name, total, shape.clone());
      params.add(p);
      total += p.size();
      return p;
    }

    public Parameters build() {
      return new Parameters(params, total);
    }
  }
}
