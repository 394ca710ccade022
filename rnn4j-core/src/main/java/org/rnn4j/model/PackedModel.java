package org.rnn4j.model;

import java.util.List;
import org.rnn4j.layer.Recurrent;
import org.rnn4j.math.PackedB;

/**
 * A model's weights laid out once for streaming inference: per layer the recurrent weights
 * W_hh^T packed for the per-step products and the input weights packed (dense inputs) or turned
 * into the token lookup table W_ih^T + b_ih (token inputs), and the head's W_o^T packed. Any number of {@link Stepper}s, on
 * any threads, run on one pack; each stepper has its own small workspaces, so a new one costs
 * no copy of the weights.
 *
 * <p><b>Thread safety.</b> A pack is immutable, and steppers only read it and the model's
 * parameter buffer (biases, the head, learned initial states), so concurrent steppers need no
 * locking and give bit-identical results to running them one after the other. The contract is
 * that nobody writes the model's parameters meanwhile: the pack is a snapshot of the weights
 * when it was made, so after training further, pack again.
 *
 * <p>Made by {@link RnnModel#packed()}; for a unidirectional model (a stream has no future to
 * read backwards from) whose cell reads only the last state (not {@code skip:d}, which reads
 * h_{t−d}), many-to-many or many-to-one: a many-to-one model's output at step t is what the
 * model gives for the sequence ending at t (e.g. a classifier's probabilities of that prefix),
 * so its output for a whole sequence is the one at the last step.
 */
public final class PackedModel {
  private final RnnModel model;
  private final Recurrent.PackedWeights[] units;
  private final PackedB head; // W_o^T, or null without a head

  PackedModel(RnnModel model) {
    String refused = refusal(model);
    if (refused != null) {
      throw new IllegalArgumentException("streaming inference: " + refused);
    }
    List<Recurrent> layers = model.stack().units();
    this.model = model;
    this.units = new Recurrent.PackedWeights[layers.size()];
    for (int u = 0; u < units.length; u++) {
      units[u] = layers.get(u).packWeights();
    }
    this.head = model.head() == null ? null : model.head().packWeights();
  }

  /** Whether {@code model} can stream (see the class comment): if not, run it with {@link RnnModel#forward}. */
  public static boolean streams(RnnModel model) {
    return refusal(model) == null;
  }

  /** Why {@code model} cannot stream, or null when it can. */
  private static String refusal(RnnModel model) {
    ModelConfig c = model.config();
    Mapping.Kind kind = c.mapping().kind();
    if (c.bidirectional() || kind != Mapping.Kind.MANY_TO_MANY && kind != Mapping.Kind.MANY_TO_ONE) {
      return "expected a unidirectional many-to-many or many-to-one model, found "
          + (c.bidirectional() ? "a bidirectional one" : "mapping " + c.mapping().id());
    }
    if (model.stack().units().get(0).cell().usesOlderStates()) {
      return "expected a cell whose step reads only the last state, found '" + c.cell()
          + "', which reads states further back than a stream carries";
    }
    return null;
  }

  public RnnModel model() {
    return model;
  }

  /** The packed weights of layer u. */
  Recurrent.PackedWeights unit(int u) {
    return units[u];
  }

  /** The head's packed W_o^T (null when the model has no head). */
  PackedB head() {
    return head;
  }

  /**
   * A stepper for {@code batch} streams on these weights: its own workspaces and state (zero, or
   * the learned initial state), the weights shared.
   */
  public Stepper stepper(int batch) {
    return new Stepper(this, batch);
  }
}
