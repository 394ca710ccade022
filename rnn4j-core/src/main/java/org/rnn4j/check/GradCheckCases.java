package org.rnn4j.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.rnn4j.cell.Activation;
import org.rnn4j.cell.Cells;
import org.rnn4j.layer.Fusion;
import org.rnn4j.loss.CosineDistance;
import org.rnn4j.loss.CtcLoss;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.loss.SequenceLoss;
import org.rnn4j.model.Batch;
import org.rnn4j.model.FrameConvRecurrentModel;
import org.rnn4j.model.Mapping;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.ModelConfig.Reduction;
import org.rnn4j.model.OutputRecurrentModel;
import org.rnn4j.model.RnnModel;
import org.rnn4j.model.Trainable;
import org.rnn4j.model.WindowNetwork;
import org.rnn4j.tensor.Tensor;

/**
 * The gradient-check suite run by tests and by {@code rnn gradcheck}: small random models covering
 * every cell, activation, loss, output activation, reduction, mapping, mask and initial state
 * ({@link #all}), and the models other than {@link RnnModel} with {@link RnnModel}s trained by a whole-sequence
 * loss ({@link #otherModels}).
 */
public final class GradCheckCases {
  private GradCheckCases() {}

  /**
   * One check: a model config and the shape of its random batch; with {@code ownLengths} row r
   * is max(1, T − 2r) steps long (the first row all T, padding after the others).
   */
  public record Case(String name, ModelConfig config, int steps, int batch, int outSteps,
      boolean indexTargets, boolean masked, boolean givenInitial, boolean ownLengths) {

    /** Every row T steps long. */
    public Case(String name, ModelConfig config, int steps, int batch, int outSteps, boolean indexTargets, boolean masked,
        boolean givenInitial) {
      this(name, config, steps, batch, outSteps, indexTargets, masked, givenInitial, false);
    }

    /** The finite-difference step: smaller for ReLU, whose derivative jumps at 0. */
    public double epsilon() {
      return config.nonlinearity() == Activation.RELU ? 1e-3 : GradCheck.EPSILON;
    }

    /** The model, in training mode when it has dropout (GradCheck replays the masks). */
    public RnnModel model() {
      RnnModel m = new RnnModel(config, 7);
      m.setTraining(config.dropout() > 0);
      return m;
    }

    public Batch batch(long seed) {
      Random rng = new Random(seed);
      ModelConfig c = config;
      Tensor x = c.mapping().vectorInput() ? random(rng, 1.0, batch, c.inputSize())
          : random(rng, 1.0, steps, batch, c.inputSize());
      int o = c.outputWidth();
      Tensor y;
      if (indexTargets) {
        y = Tensor.zeros(outSteps, batch);
        for (int i = 0; i < y.size(); i++) {
          y.data()[i] = rng.nextInt(o);
        }
      } else {
        y = Tensor.zeros(outSteps, batch, o);
        for (int i = 0; i < y.size(); i++) {
          y.data()[i] = c.loss().equals("mse") ? (float) rng.nextGaussian() : rng.nextFloat();
        }
        if (c.loss().equals("ce")) { // a distribution per row
          for (int r = 0; r < outSteps * batch; r++) {
            float s = 0;
            for (int j = 0; j < o; j++) {
              s += y.data()[r * o + j];
            }
            for (int j = 0; j < o; j++) {
              y.data()[r * o + j] /= s;
            }
          }
        }
      }
      Tensor mask = null;
      if (masked) {
        mask = Tensor.zeros(outSteps, batch);
        for (int i = 0; i < mask.size(); i++) {
          mask.data()[i] = i % 3 == 1 ? 0f : 1f;
        }
      }
      Tensor[] init = null;
      if (givenInitial) {
        int units = c.numLayers() * c.directions();
        int states = Cells.factory(c.cell(), c.nonlinearity()).get().states();
        init = new Tensor[states];
        for (int k = 0; k < states; k++) {
          init[k] = random(rng, 0.5, units, batch, c.hiddenSize());
        }
      }
      int[] lengths = null;
      if (ownLengths) {
        lengths = new int[batch];
        for (int r = 0; r < batch; r++) {
          lengths[r] = Math.max(1, steps - 2 * r);
        }
      }
      return new Batch(x, y, mask, init, lengths);
    }
  }

  /** A check of a model other than {@link RnnModel}: its parameter gradients on one batch. */
  public record ModelCase(String name, Supplier<Trainable<Batch>> model, Batch batch) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The window network (feed-forward over the last W steps) with each loss, a mask, and W = 1 and
   * T &lt; W; 2-D convolutions per frame before a recurrent model; output-only recurrence.
   */
  public static List<ModelCase> otherModels() {
    Random rng = new Random(13);
    List<ModelCase> cases = new ArrayList<>();
    ModelConfig.Builder base = base().hiddenSize(5);
    cases.add(windowCase("window-3/mse", base.build(), 3, random(rng, 1.0, 6, 2, 3), random(rng, 1.0, 6, 2, 2), null));
    cases.add(windowCase("window-1/mse", base.build(), 1, random(rng, 1.0, 4, 2, 3), random(rng, 1.0, 4, 2, 2), null));
    cases.add(windowCase("window-4/t2", base.build(), 4, random(rng, 1.0, 2, 3, 3), random(rng, 1.0, 2, 3, 2), null));
    Tensor classes = Tensor.zeros(5, 2);
    for (int i = 0; i < classes.size(); i++) {
      classes.data()[i] = rng.nextInt(3);
    }
    Tensor mask = Tensor.zeros(5, 2);
    for (int i = 0; i < mask.size(); i++) {
      mask.data()[i] = i % 4 == 1 ? 0f : 1f;
    }
    cases.add(windowCase("window-2/ce-index-masked", base().hiddenSize(5).loss("ce").outputSize(3)
        .reduction(Reduction.MEAN).build(), 2, random(rng, 1.0, 5, 2, 3), classes, mask));
    Tensor bits = Tensor.zeros(5, 2, 2);
    for (int i = 0; i < bits.size(); i++) {
      bits.data()[i] = rng.nextInt(2);
    }
    cases.add(windowCase("window-3/bce", base().hiddenSize(5).loss("bce").build(), 3, random(rng, 1.0, 5, 2, 3), bits, null));
    // 2-D convolutions per frame before a recurrent model. Average pooling only: a maximum can
    // switch inside a ±ε step (max pooling is checked on spaced values in the layer's own test).
    Tensor frameClasses = Tensor.of(new float[] {2, 0}, 2);
    Batch frames = new Batch(random(rng, 1.0, 3, 2, 2 * 5 * 6), frameClasses);
    cases.add(new ModelCase("frame-conv/stride2-avg-lstm", () -> FrameConvRecurrentModel.create("3k3-s2-same-tanh-avg2/1",
        2, 5, 6, base().cell("lstm").hiddenSize(4).outputSize(3).loss("ce").mapping(Mapping.MANY_TO_ONE), 7), frames));
    Batch frames2 = new Batch(random(rng, 1.0, 3, 2, 16), random(rng, 1.0, 3, 2, 2));
    cases.add(new ModelCase("frame-conv/valid-2-elman", () -> FrameConvRecurrentModel.create(
        "2k2-valid-identity,2k2-valid-tanh", 1, 4, 4, base(), 7), frames2));
    // Losses on the whole output sequence, in place of the per-step loss: CTC over own input lengths
    // (targets "1 2 2" and "3 3"), and 1 − cosine.
    Batch labelled = new Batch(random(rng, 1.0, 7, 2, 3), Tensor.of(new float[] {1, 3, 2, 3, 2, 0}, 3, 2), null, null,
        new int[] {7, 5});
    cases.add(new ModelCase("sequence-loss/ctc-lstm", () -> withLoss(base().cell("lstm").outputSize(4), new CtcLoss()),
        labelled));
    Batch shapes = new Batch(random(rng, 1.0, 5, 2, 3), random(rng, 1.0, 5, 2, 2));
    cases.add(new ModelCase("sequence-loss/cosine-gru", () -> withLoss(base().cell("gru"), new CosineDistance()), shapes));
    // Output-only recurrence: inputs [y_{t-1}; c_t] of O = 2 fed-back values and C = 1 condition.
    ModelConfig jordan = base().inputSize(3).hiddenSize(5).build();
    cases.add(new ModelCase("output-recurrence/mse", () -> new OutputRecurrentModel(jordan, 7),
        new Batch(random(rng, 1.0, 5, 2, 3), random(rng, 1.0, 5, 2, 2))));
    cases.add(new ModelCase("output-recurrence/sigmoid-ce-index-masked", () -> new OutputRecurrentModel(base().inputSize(3)
        .hiddenSize(5).nonlinearity(Activation.SIGMOID).loss("ce").outputSize(3).reduction(Reduction.MEAN).build(), 7),
        new Batch(random(rng, 1.0, 5, 2, 3), classes, mask, null)));
    return cases;
  }

  private static RnnModel withLoss(ModelConfig.Builder config, SequenceLoss loss) {
    RnnModel m = new RnnModel(config.build(), 7);
    m.setSequenceLoss(loss);
    return m;
  }

  private static ModelCase windowCase(String name, ModelConfig config, int window, Tensor x, Tensor y, Tensor mask) {
    return new ModelCase(name, () -> new WindowNetwork(config, window, 7), new Batch(x, y, mask, null));
  }

  static Tensor random(Random rng, double scale, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) (scale * rng.nextGaussian());
    }
    return t;
  }

  private static ModelConfig.Builder base() {
    return ModelConfig.builder().inputSize(3).hiddenSize(4).outputSize(2).reduction(Reduction.SUM);
  }

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    for (String cell : Cells.KINDS) {
      cases.add(new Case(cell + "/many-to-many", base().cell(cell).build(), 5, 2, 5, false, false, true));
    }
    // Gated two-layer stacks: the first layer's gradients are ~10x smaller than the second's, close
    // to what float32 central differences resolve, so these use more rows (T·B = 15) to lift the
    // summed gradients above the rounding noise. (Peephole stacks sit below that floor: their
    // first-layer peephole gradients have norm ~1e-3; the peephole cases above check them.)
    for (String cell : List.of("lstm", "gru", "skip")) {
      cases.add(new Case(cell + "/bidirectional-2", base().cell(cell).numLayers(2).bidirectional(true).build(),
          5, 3, 5, false, false, true));
    }
    for (String cell : Cells.KINDS) {
      cases.add(new Case(cell + "/t1-b1", base().cell(cell).build(), 1, 1, 1, false, false, true));
    }
    cases.add(new Case("lstm/learned-initial-state", base().cell("lstm").learnedInit(true).build(), 4, 2, 4, false, false, false));
    cases.add(new Case("lstm:forget-bias", base().cell("lstm:forget-bias").build(), 4, 2, 4, false, false, true));
    cases.add(new Case("leaky:2.5", base().cell("leaky:2.5").build(), 5, 2, 5, false, false, true));
    cases.add(new Case("skip:1", base().cell("skip:1").build(), 5, 2, 5, false, false, true));
    cases.add(new Case("skip:3", base().cell("skip:3").build(), 6, 2, 6, false, false, true));
    cases.add(new Case("skip:3/many-to-one", base().cell("skip:3").mapping(Mapping.MANY_TO_ONE).build(), 7, 2, 1, false, false, true));
    for (Activation f : Activation.values()) {
      cases.add(new Case("elman-" + f.id(), base().nonlinearity(f).build(), 5, 2, 5, false, false, true));
    }
    for (OutputActivation out : OutputActivation.values()) {
      cases.add(new Case("mse-" + out.id(), base().output(out).outputSize(3).build(), 4, 2, 4, false, false, false));
    }
    cases.add(new Case("ce-index", base().loss("ce").outputSize(3).build(), 4, 3, 4, true, false, false));
    cases.add(new Case("ce-distribution", base().loss("ce").outputSize(3).build(), 4, 2, 4, false, false, false));
    cases.add(new Case("bce", base().loss("bce").outputSize(3).build(), 4, 2, 4, false, false, false));
    cases.add(new Case("reduction-mean", base().reduction(Reduction.MEAN).build(), 4, 3, 4, false, false, false));
    cases.add(new Case("masked-steps", base().loss("ce").outputSize(3).reduction(Reduction.MEAN).build(), 5, 2, 5, true, true, false));
    cases.add(new Case("many-to-one", base().mapping(Mapping.MANY_TO_ONE).build(), 4, 2, 1, false, false, true));
    cases.add(new Case("one-to-many", base().mapping(Mapping.ONE_TO_MANY).build(), 0, 2, 5, false, false, false));
    cases.add(new Case("one-to-many-every", base().mapping(Mapping.ONE_TO_MANY_EVERY).build(), 0, 2, 4, false, false, false));
    cases.add(new Case("delayed-2", base().mapping(Mapping.delayed(2)).build(), 4, 2, 4, false, false, false));
    cases.add(new Case("delayed-end", base().mapping(Mapping.delayed(Mapping.END)).build(), 3, 2, 3, false, false, true));
    cases.add(new Case("learned-initial-state", base().learnedInit(true).build(), 4, 2, 4, false, false, false));
    cases.add(new Case("no-bias", base().bias(false).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("no-head", base().outputSize(0).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("t1-b1", base().build(), 1, 1, 1, false, false, true));
    cases.add(new Case("stacked-3", base().numLayers(3).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("dropout-between-layers", base().numLayers(3).dropout(0.3).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("bidirectional-sum", base().bidirectional(true).fusion(Fusion.SUM).numLayers(2).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("bidirectional-average", base().bidirectional(true).fusion(Fusion.AVERAGE).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("bidirectional-2", base().numLayers(2).bidirectional(true).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("bidirectional-tanh-2", base().bidirectional(true).fusion(Fusion.TANH).numLayers(2).build(), 4, 2, 4, false, false, true));
    cases.add(new Case("lstm/bidirectional-tanh", base().cell("lstm").bidirectional(true).fusion(Fusion.TANH).build(), 4, 2, 4, false, false, true));
    // Bidirectional many-to-one: the head reads fuse(→h_{len−1}, ←h_0), each direction after the whole
    // sequence. Through T = 5 Elman steps δh0 of full rows is small, near float32's noise at ε = 1e-2:
    // the rows of length 1 and 3 of the cases with lengths carry its check.
    for (Fusion f : Fusion.values()) {
      ModelConfig.Builder m2o = base().bidirectional(true).fusion(f).mapping(Mapping.MANY_TO_ONE);
      cases.add(new Case("bidirectional-" + f.id() + "/many-to-one", m2o.build(), 5, 2, 1, false, false, false));
      cases.add(new Case("bidirectional-" + f.id() + "/many-to-one-lengths", m2o.build(), 5, 3, 1, false, false, true, true));
    }
    cases.add(new Case("lstm/bidirectional-2/many-to-one-lengths", base().cell("lstm").numLayers(2).bidirectional(true)
        .mapping(Mapping.MANY_TO_ONE).build(), 5, 3, 1, false, false, true, true));
    cases.add(new Case("bidirectional-tanh-2/many-to-one-lengths", base().numLayers(2).bidirectional(true).fusion(Fusion.TANH)
        .mapping(Mapping.MANY_TO_ONE).build(), 5, 3, 1, false, false, true, true));
    cases.add(new Case("gru/bidirectional/many-to-one-ce-lengths", base().cell("gru").bidirectional(true).loss("ce")
        .outputSize(3).mapping(Mapping.MANY_TO_ONE).build(), 5, 3, 1, true, false, true, true));
    return cases;
  }
}
