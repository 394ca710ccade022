package org.rnn4j.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;

/**
 * The task of one partition in one step, run on an executor: the partition's part of the global
 * minibatch through a copy of the model with the broadcast values; returns the sums. A retried
 * task computes exactly the same sums (same values, same rows, same dropout seed).
 */
final class PartitionStep<W> implements Function2<Integer, Iterator<Shard<W>>, Iterator<PartitionResult>> {
  /**
   * The task result's gradient, one buffer per executor thread: a thread serializes its task's
   * result before it runs another task, so the buffer is free again when its next task fills it
   * (the replica's own gradient cannot go out: the replica serves the next task as soon as it is
   * given back, before the result is serialized).
   */
  private static final ThreadLocal<float[]> GRADIENT = new ThreadLocal<>();

  private final Broadcast<StepMessage<W>> message;
  private final ModelRecipe recipe;

  PartitionStep(Broadcast<StepMessage<W>> message, ModelRecipe recipe) {
    this.message = message;
    this.recipe = recipe;
  }

  @Override
  public Iterator<PartitionResult> call(Integer partition, Iterator<Shard<W>> shards) {
    Shard<W> shard = shards.next();
    StepMessage<W> m = message.value();
    Batch batch = shard.batch(m.work());
    if (batch == null) {
      return List.of(PartitionResult.empty()).iterator();
    }
    RnnModel model = Replicas.borrow(m.run(), recipe::summingReplica);
    try {
      Parameters p = model.parameters();
      System.arraycopy(m.values(), 0, p.values(), 0, p.size());
      p.zeroGrads();
      if (model.trainingRng() != null) {
        model.trainingRng().setState(Seeds.mix(m.seed(), partition));
      }
      model.setTraining(m.training());
      double loss;
      try {
        loss = model.lossAndGradient(batch);
      } finally {
        model.setTraining(false);
      }
      float[][] states = null;
      if (shard.carriesState()) {
        Tensor[] finals = model.finalStates();
        states = new float[finals.length][];
        for (int k = 0; k < finals.length; k++) {
          states[k] = finals[k].data().clone();
        }
      }
      float[] grads = GRADIENT.get();
      if (grads == null || grads.length != p.size()) {
        grads = new float[p.size()];
        GRADIENT.set(grads);
      }
      System.arraycopy(p.grads(), 0, grads, 0, grads.length);
      return List.of(PartitionResult.of(partition, loss, model.lossWeight(), model.positions(batch), grads, states)).iterator();
    } finally {
      Replicas.giveBack(m.run(), model);
    }
  }
}
