package org.rnn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;

/**
 * A model file's content as it travels to executors: the whole metadata (config, vocabulary,
 * series normalisation) and the parameter values in the model's order; an executor rebuilds the
 * model from it with no file access.
 */
public record SavedModel(String source, HashMap<String, String> metadata, float[] values) implements Serializable {
  /** Reads and validates a model file on any Hadoop file system (a path without a scheme is local). */
  public static SavedModel read(String location, Configuration hadoop) throws IOException {
    Path local = toLocal(location, hadoop);
    SafeTensorsFile file = SafeTensors.read(local);
    RnnModel model = ModelFile.fromFile(Path.of(location), file);
    return new SavedModel(location, new HashMap<>(file.metadata()), model.parameters().values().clone());
  }

  /** The file itself when local, else a local copy. */
  static Path toLocal(String location, Configuration hadoop) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
    String scheme = path.toUri().getScheme();
    if (scheme == null || scheme.length() == 1) {
      return Path.of(location);
    }
    FileSystem fs = path.getFileSystem(hadoop);
    if (!fs.exists(path)) {
      throw new java.nio.file.NoSuchFileException(location);
    }
    Path copy = Files.createTempFile("rnn4j-model-", ".safetensors");
    Files.delete(copy);
    FileUtil.copy(fs, path, copy.toFile(), false, hadoop);
    copy.toFile().deleteOnExit();
    return copy;
  }

  /** A new model with these values. */
  public RnnModel model() {
    RnnModel m = new RnnModel(ModelConfig.fromMetadata(metadata));
    System.arraycopy(values, 0, m.parameters().values(), 0, values.length);
    return m;
  }
}
