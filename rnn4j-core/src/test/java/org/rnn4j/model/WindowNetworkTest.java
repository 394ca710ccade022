package org.rnn4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

class WindowNetworkTest {
  static final ModelConfig CONFIG = ModelConfig.builder().inputSize(2).hiddenSize(6).outputSize(1).loss("bce").build();

  static Tensor random(Random rng, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) rng.nextGaussian();
    }
    return t;
  }

  @Test
  void stepTSeesOnlyTheLastWInputs() {
    WindowNetwork net = new WindowNetwork(CONFIG, 3, 1);
    Tensor x = random(new Random(2), 8, 2, 2);
    float[] before = net.forward(x).data();
    // Step 2 changes: the outputs of steps 2, 3, 4 (whose windows hold it) change, the others not.
    x.data()[(2 * 2 + 1) * 2] += 1f;
    float[] after = net.forward(x).data();
    for (int t = 0; t < 8; t++) {
      boolean sees = t >= 2 && t <= 4;
      int i = t * 2 + 1; // sequence 1 of the batch
      assertThat(after[i] != before[i]).as("step %d", t).isEqualTo(sees);
      assertThat(after[t * 2]).isEqualTo(before[t * 2]); // the other sequence is untouched
    }
  }

  @Test
  void theFirstStepsSeeZerosBeforeTheStart() {
    WindowNetwork net = new WindowNetwork(CONFIG, 4, 1);
    Tensor x = random(new Random(3), 2, 1, 2);
    Tensor padded = Tensor.zeros(5, 1, 2); // three steps of zeros, then x
    System.arraycopy(x.data(), 0, padded.data(), 3 * 2, 4);
    float[] out = net.forward(x).data(), outPadded = net.forward(padded).data();
    assertThat(out[0]).isEqualTo(outPadded[3]);
    assertThat(out[1]).isEqualTo(outPadded[4]);
  }

  @Test
  void metadataNamesTheWindowAndBadConfigsAreDescriptive() {
    assertThat(new WindowNetwork(CONFIG, 5, 1).fileMetadata()).containsEntry("rnn4j.window", "5")
        .containsEntry("module", "WindowNetwork");
    assertThatThrownBy(() -> new WindowNetwork(CONFIG, 0, 1))
        .hasMessage("window: expected a number of steps >= 1, found 0");
    assertThatThrownBy(() -> new WindowNetwork(CONFIG.toBuilder().mapping(Mapping.MANY_TO_ONE).build(), 2, 1))
        .hasMessageContaining("expected a many-to-many model with dense inputs and a head, found mapping many-to-one");
  }
}
