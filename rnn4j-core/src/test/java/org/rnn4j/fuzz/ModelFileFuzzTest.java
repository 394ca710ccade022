package org.rnn4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.rnn4j.io.FormatException;
import org.rnn4j.io.ModelFile;

/**
 * Any bytes as a model file: the metadata builds a model (whose size must be refused before
 * allocating when the file cannot hold its parameters), the tensors fill it; or a
 * {@link FormatException}.
 */
class ModelFileFuzzTest {
  @FuzzTest(maxDuration = Contract.DURATION)
  void load(byte[] data) throws Exception {
    Contract.runOnFile(data, ".safetensors", FormatException.class, ModelFile::load);
  }
}
