package org.rnn4j.spark;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.rnn4j.model.Batch;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.OptimizerState;
import org.rnn4j.optim.Schedule;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.train.Checkpoint;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.TrainState;
import org.rnn4j.train.Trainer;

/**
 * One partition's round of local SGD, on an executor: the one {@link Trainer} (clipping, schedule,
 * non-finite policy, optimizer) steps the executor's copy of the model, from the averaged values
 * and optimizer state, on the partition's part of each of the round's minibatches, with the loss
 * the model's config reduces (the mean over the part). A retried task repeats it exactly.
 */
final class PartitionRound<W> implements Function2<Integer, Iterator<Shard<W>>, Iterator<RoundResult>> {
  private final Broadcast<RoundMessage<W>> message;
  private final ModelRecipe recipe;

  PartitionRound(Broadcast<RoundMessage<W>> message, ModelRecipe recipe) {
    this.message = message;
    this.recipe = recipe;
  }

  @Override
  public Iterator<RoundResult> call(Integer partition, Iterator<Shard<W>> shards) {
    Shard<W> shard = shards.next();
    RoundMessage<W> m = message.value();
    String key = "local:" + m.run();
    RnnModel model = Replicas.borrow(key, recipe::replica);
    try {
      System.arraycopy(m.values(), 0, model.parameters().values(), 0, m.values().length);
      TrainConfig config = TrainConfig.fromJson(m.config());
      Optimizer optimizer = config.newOptimizer();
      if (m.optimizerSteps() > 0) {
        optimizer.importState(new OptimizerState(m.optimizerSteps(), m.buffers()));
      }
      TrainState at = new TrainState(m.step(), 1, 0, config.seed(), 0, 0, 0, 0, 0, 0, config.batchSize(), -1, -1,
          Double.NaN, 0);
      Trainer<Batch> trainer = Trainer.resume(new Checkpoint<>(model, optimizer, Schedule.fromJson(m.schedule()), at), config);
      float[][] carried = m.states() == null ? null : m.states()[partition];
      int steps = 0;
      double loss = 0;
      List<W> works = m.works();
      for (int k = 0; k < works.size(); k++) {
        Batch batch = shard.batch(shard.carrying(works.get(k), carried));
        if (batch == null) {
          continue;
        }
        if (model.trainingRng() != null) {
          model.trainingRng().setState(Seeds.mix(m.seed(), (long) partition * works.size() + k));
        }
        loss += trainer.update(batch);
        steps++;
        if (shard.carriesState()) {
          Tensor[] finals = model.finalStates();
          carried = new float[finals.length][];
          for (int s = 0; s < finals.length; s++) {
            carried[s] = finals[s].data().clone();
          }
        }
      }
      if (steps == 0) {
        return List.of(RoundResult.empty()).iterator();
      }
      return List.of(new RoundResult(model.parameters().values().clone(),
          new LinkedHashMap<>(optimizer.exportState().buffers()), steps, loss, carried)).iterator();
    } finally {
      Replicas.giveBack(key, model);
    }
  }
}
