package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.Npy;

/** Any bytes as an npy file: a tensor or a {@link FormatException}. */
class NpyFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void read(byte[] data) throws Exception {
    Contract.runOnFile(data, ".npy", FormatException.class, Npy::read);
  }
}
