package org.rnn4j.tensor;

import java.util.Arrays;

/**
 * A dense, contiguous, row-major float32 array with a shape. Sequences are time-major
 * {@code (T, B, F)}; hidden states {@code (L*D, B, H)}.
 */
public final class Tensor {
  private final float[] data;
  private final int[] shape;

  private Tensor(float[] data, int[] shape) {
    this.data = data;
    this.shape = shape;
  }

  public static Tensor zeros(int... shape) {
    return new Tensor(new float[sizeOf(shape)], shape.clone());
  }

  /** Wraps {@code data} (not copied) with {@code shape}; the sizes must agree. */
  public static Tensor of(float[] data, int... shape) {
    int n = sizeOf(shape);
    if (n != data.length) {
      throw new ShapeException("tensor of shape " + Arrays.toString(shape) + " needs " + n
          + " values, found " + data.length);
    }
    return new Tensor(data, shape.clone());
  }

  public static int sizeOf(int... shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
      if (n > Integer.MAX_VALUE - 8) {
        throw new ShapeException("shape " + Arrays.toString(shape) + " is too large for one array");
      }
    }
    return (int) n;
  }

  public float[] data() {
    return data;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int axis) {
    return shape[axis];
  }

  public int size() {
    return data.length;
  }

  public float get(int... index) {
    return data[flat(index)];
  }

  public void set(float value, int... index) {
    data[flat(index)] = value;
  }

  private int flat(int[] index) {
    if (index.length != shape.length) {
      throw new ShapeException("index of rank " + index.length + " for tensor of shape " + shapeString());
    }
    int f = 0;
    for (int i = 0; i < shape.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new ShapeException("index " + Arrays.toString(index) + " outside shape " + shapeString());
      }
      f = f * shape[i] + index[i];
    }
    return f;
  }

  /** Same data, another shape of the same size. */
  public Tensor reshape(int... newShape) {
    return of(data, newShape);
  }

  public Tensor copy() {
    return new Tensor(data.clone(), shape.clone());
  }

  public String shapeString() {
    return Arrays.toString(shape);
  }

  public boolean hasShape(int... expected) {
    return Arrays.equals(shape, expected);
  }

  /**
   * Checks the shape, naming the tensor in the error. A {@code -1} in {@code expected} matches any
   * size on that axis.
   */
  public Tensor requireShape(String name, int... expected) {
    boolean ok = expected.length == shape.length;
    for (int i = 0; ok && i < expected.length; i++) {
      ok = expected[i] < 0 || expected[i] == shape[i];
    }
    if (!ok) {
      StringBuilder want = new StringBuilder("[");
      for (int i = 0; i < expected.length; i++) {
        want.append(i > 0 ? ", " : "").append(expected[i] < 0 ? "*" : String.valueOf(expected[i]));
      }
      throw new ShapeException(name + ": expected shape " + want + "], found " + shapeString());
    }
    return this;
  }

  /** Throws when any value is NaN or infinite, naming the tensor and the first bad position. */
  public Tensor requireFinite(String name) {
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException(name + ": expected finite values, found " + data[i]
            + " at flat index " + i + " of shape " + shapeString());
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return "Tensor" + shapeString();
  }
}
