package org.rnn4j.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.io.SafeTensorsFile;

/**
 * A kind of model the server can serve: it recognises its files by their metadata and makes the
 * model's endpoints. {@link #KINDS} is the registry; a new kind is one more class and one more
 * entry there.
 */
public interface ServedKind {
  /** Every kind, in the order they are tried: the first that accepts a file serves it. */
  List<ServedKind> KINDS = List.of(new CharLmKind(), new ForecasterKind(), new ClassifierKind(), new TranslatorKind());

  /** A short name ("char-lm"), shown by /health. */
  String name();

  /** What the file must hold, for the message when no kind accepts a file. */
  String recognises();

  /** Whether a model file of this kind: decided from its metadata alone. */
  boolean accepts(SafeTensorsFile contents);

  /** Loads the model (once, at start-up) and makes its endpoints. */
  ServedModel load(Path file, SafeTensorsFile contents, Limits limits) throws IOException;

  /** The kind that serves a file, or an error listing what each kind looks for. */
  static ServedKind of(Path file, SafeTensorsFile contents) {
    List<String> wanted = new ArrayList<>();
    for (ServedKind k : KINDS) {
      if (k.accepts(contents)) {
        return k;
      }
      wanted.add(k.name() + " (" + k.recognises() + ")");
    }
    throw new IllegalArgumentException(file + ": expected a model file of a kind the server knows: " + String.join(", ", wanted)
        + "; found metadata keys " + contents.metadata().keySet());
  }
}
