package org.rnn4j.seq2seq;

import org.rnn4j.layer.Recurrent;
import org.rnn4j.math.PackedB;

/**
 * A sequence-to-sequence model's decoder weights laid out once for decoding: the decoder layer's
 * W_ih^T and W_hh^T, the output layer's W_o^T and (dot and general attention) the combination's
 * W_c^T, each packed for the per-step products. Any number of {@link Seq2SeqStepper}s, on any
 * threads, decode on one pack, each with workspaces of its own.
 *
 * <p><b>Thread safety.</b> A pack is immutable and steppers only read it and the model's
 * parameter buffer, so concurrent steppers need no locking and give what they give one after
 * the other. The pack is a snapshot of the weights when it was made: after training further,
 * pack again ({@link Seq2Seq#packed}).
 */
public final class PackedSeq2Seq {
  private final Seq2Seq model;
  private final Recurrent.PackedWeights unit;
  private final PackedB out;
  private final PackedB combine; // null without dot or general attention

  PackedSeq2Seq(Seq2Seq model) {
    Decoder d = model.decoder();
    this.model = model;
    this.unit = d.unit().packWeights();
    this.out = d.out().packWeights();
    this.combine = d.combine() == null ? null : d.combine().packWeights();
  }

  public Seq2Seq model() {
    return model;
  }

  /** A decoding stepper on these weights: its own encoder and decoder workspaces, the weights shared. */
  public Seq2SeqStepper stepper() {
    return new Seq2SeqStepper(this);
  }

  Recurrent.PackedWeights unit() {
    return unit;
  }

  PackedB out() {
    return out;
  }

  PackedB combine() {
    return combine;
  }
}
