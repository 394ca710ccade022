package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --version prints one line; the version comes from the jar's manifest, "dev" from classes. */
class VersionTest {
  @Test
  void versionIsOneLineFromTheManifestOrDev() {
    CliTest.Run r = CliTest.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    // Tests run from target/classes, which have no manifest.
    assertThat(r.out()).isEqualTo("rnn4j dev" + System.lineSeparator());
  }
}
