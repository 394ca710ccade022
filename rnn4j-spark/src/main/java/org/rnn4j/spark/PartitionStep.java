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
      return List.of(new PartitionResult(loss, model.lossWeight(), model.positions(batch), p.grads().clone(), states))
          .iterator();
    } finally {
      Replicas.giveBack(m.run(), model);
    }
  }
}
