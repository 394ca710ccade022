package org.rnn4j.model;

import java.util.Map;
import org.rnn4j.math.Rng;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * Trains an output-feedback model with scheduled sampling (Bengio et al. 2015): each batch arrives
 * teacher-forced, x_t = [y*_{t−1}; c_t] (T, B, O + C), and is fed again with, at every step of
 * every sequence, the truth with the current teacher-forcing ratio ε and the model's own greedy
 * prediction otherwise ({@link OutputFeedback#scheduled}, which runs the model step by step);
 * then the model's loss and gradient on those inputs. As in the paper, no gradient flows through
 * the choice or the fed prediction. ε follows a {@link TeacherForcing} over a stated number of
 * updates; the draws come from a generator of their own, so a run is reproducible from its seed.
 * The update count and draws are not part of a checkpoint: resume such a run from its start.
 */
public final class ScheduledSampling implements Trainable<Batch> {
  private final OutputFeedback feedback;
  private final TeacherForcing schedule;
  private final long updates;
  private final Rng rng;
  private long done;
  private double ratio;

  /** Over {@code updates} updates (the run's length), with draws seeded by {@code seed}. */
  public ScheduledSampling(OutputFeedback feedback, TeacherForcing schedule, long updates, long seed) {
    if (updates < 1) {
      throw new IllegalArgumentException("scheduled sampling: expected a run of at least 1 update, found " + updates);
    }
    this.feedback = feedback;
    this.schedule = schedule;
    this.updates = updates;
    this.rng = new Rng(seed);
    this.ratio = schedule.start();
  }

  /** The teacher-forcing ratio of the last update (the start value before any). */
  public double ratio() {
    return ratio;
  }

  @Override
  public double lossAndGradient(Batch batch) {
    if (batch.lengths() != null || batch.initial() != null) {
      throw new IllegalArgumentException("scheduled sampling: expected a batch without lengths or initial states, found "
          + (batch.lengths() != null ? "lengths" : "initial states"));
    }
    ratio = schedule.at(updates == 1 ? 1 : done / (double) (updates - 1));
    done++;
    Batch fed = feedback.scheduled(batch.y(), condition(batch.x()), 1 - ratio, rng);
    return feedback.model().lossAndGradient(new Batch(fed.x(), batch.y(), batch.mask(), null));
  }

  /** The per-step condition c_t (T, B, C), the last C columns of teacher-forced inputs; null when C = 0. */
  private Tensor condition(Tensor x) {
    int c = feedback.conditionSize(), o = feedback.outputs();
    x.requireShape("teacher-forced input (T, B, O + C)", -1, -1, o + c);
    if (c == 0) {
      return null;
    }
    int rows = x.dim(0) * x.dim(1);
    float[] cond = new float[rows * c];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(x.data(), i * (o + c) + o, cond, i * c, c);
    }
    return Tensor.of(cond, x.dim(0), x.dim(1), c);
  }

  @Override public Parameters parameters() { return feedback.model().parameters(); }
  @Override public void setTraining(boolean on) { feedback.model().setTraining(on); }
  @Override public long positions(Batch batch) { return feedback.model().positions(batch); }
  @Override public Rng trainingRng() { return feedback.model().trainingRng(); }
  @Override public Map<String, String> fileMetadata() { return feedback.model().fileMetadata(); }
  @Override public Map<String, Tensor> fileTensors() { return feedback.model().fileTensors(); }
}
