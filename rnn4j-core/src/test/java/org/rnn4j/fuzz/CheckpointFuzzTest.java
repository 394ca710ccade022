package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rnn4j.io.FormatException;
import org.rnn4j.train.Checkpoint;

/** Any bytes as a training checkpoint: a restored run (model, optimizer, schedule, state) or a {@link FormatException}. */
class CheckpointFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void load(byte[] data) throws Exception {
    Contract.runOnFile(data, ".safetensors", FormatException.class, Checkpoint::load);
  }
}
