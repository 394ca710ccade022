package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.rnn4j.train.TrainConfig;

/** Any text as a training config: a config that writes and reads back equal, or an IllegalArgumentException. */
class TrainConfigFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void fromJson(byte[] data) throws Exception {
    Contract.run(IllegalArgumentException.class, () -> {
      TrainConfig c = TrainConfig.fromJson(new String(data, StandardCharsets.UTF_8));
      c.newOptimizer();
      c.newSchedule();
      if (!TrainConfig.fromJson(c.toJson()).equals(c)) {
        throw new AssertionError("toJson does not read back to an equal config: " + c.toJson());
      }
    });
  }
}
