package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.SafeTensors;

/** Any bytes as a safetensors file: a parsed file or a {@link FormatException}. */
class SafeTensorsFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void read(byte[] data) throws Exception {
    Contract.runOnFile(data, ".safetensors", FormatException.class, SafeTensors::read);
  }
}
