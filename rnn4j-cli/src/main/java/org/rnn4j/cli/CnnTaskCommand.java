package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.io.ConvModelFile;
import org.rnn4j.io.FrameConvModelFile;
import org.rnn4j.task.ConvTaskRunner;
import org.rnn4j.task.MovingBlob;
import org.rnn4j.task.VideoTaskRunner;
import org.rnn4j.task.Waveforms;
import org.rnn4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cnn-task", mixinStandardHelpOptions = true,
    description = {"Train and score a sequence-classification task with a CNN front end before the RNN.",
        "Task: waveforms (noisy sine / square / sawtooth / triangle with random period, phase, amplitude",
        "and noise; many-to-one; accuracy, chance 0.25; a 1-D CNN over time), or moving-blob (videos of",
        "16x16 noisy frames in which a blob moves right, left, down or up; a 2-D CNN on every frame,",
        "default " + VideoTaskRunner.DEFAULT_CNN + "). --cnn none trains the RNN on the raw input.",
        "CNN spec: layers separated by ',', each <C_out>k<K> then '-'-separated options s<S> (stride),",
        "same|valid, relu|tanh|identity|sigmoid, max<P>[/<S>]|avg<P>[/<S>] (pooling); e.g. "
            + ConvTaskRunner.DEFAULT_CNN + "."})
final class CnnTaskCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The task: waveforms or moving-blob.")
  String name;

  @Option(names = "--cnn", description = "Conv front end spec, or none (default: " + ConvTaskRunner.DEFAULT_CNN
      + " for waveforms, " + VideoTaskRunner.DEFAULT_CNN + " for moving-blob).")
  String cnn;

  @Mixin TrainingOptions training;

  @Option(names = "--length", description = "Sequence length T (default: " + Waveforms.DEFAULT_LENGTH + " steps for waveforms, "
      + MovingBlob.DEFAULT_FRAMES + " frames for moving-blob).")
  Integer length;

  @Option(names = "--train", description = "Training sequences (default: 2000 for waveforms, 500 for moving-blob).")
  Integer train;

  @Option(names = "--test", defaultValue = "500", description = "Test sequences (default: ${DEFAULT-VALUE}).")
  int test;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the trained conv + RNN model to this .safetensors file"
      + " (read back with ConvModelFile, or FrameConvModelFile for moving-blob).")
  Path save;

  @Option(names = "--json", description = "Print a JSON object as the last line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (name.equalsIgnoreCase("moving-blob")) {
      return movingBlob(out);
    }
    if (!name.equalsIgnoreCase("waveforms")) {
      throw new IllegalArgumentException("cnn-task: expected waveforms or moving-blob, found '" + name + "'");
    }
    ConvTaskRunner.Options d = ConvTaskRunner.Options.defaults(training.seed);
    String cnn = pick(this.cnn, d.cnn());
    int length = pick(this.length, d.length());
    ConvTaskRunner.Options o = new ConvTaskRunner.Options(cnn, training.toRunnerOptions(), training.applyTo(d.train()), length,
        pick(train, d.trainSize()), test);
    ModelConfig rnn = ConvTaskRunner.recurrent(o.model(), Waveforms.CLASSES.size()).build();
    out.printf("task waveforms: %d-step sequences, classes %s; cnn %s, cell %s, hidden %d%n", length,
        String.join("/", Waveforms.CLASSES), cnn, rnn.cell(), rnn.hiddenSize());
    out.flush();
    ConvTaskRunner.Result r = ConvTaskRunner.run(o, progress(out));
    out.printf("result: accuracy = %.4f (chance 0.25) after %d epochs in %.1f s; %d parameters; the RNN runs over %d steps%n",
        r.accuracy(), r.epochs(), r.seconds(), r.params(), r.steps());
    if (save != null) {
      ConvModelFile.save(save, r.model());
      out.println("model written to " + save);
    }
    if (json) {
      Map<String, Object> m = json("waveforms", r.model().conv().spec(), rnn, r.accuracy(), r.seconds(), r.epochs(), r.params());
      m.put("rnn_steps", r.steps());
      out.println(Json.line(m));
    }
    return 0;
  }

  /** The video task: a 2-D CNN on every frame (or none) before the RNN. */
  private int movingBlob(PrintWriter out) throws java.io.IOException {
    VideoTaskRunner.Options d = VideoTaskRunner.Options.defaults(training.seed);
    VideoTaskRunner.Options o = new VideoTaskRunner.Options(pick(cnn, d.cnn()), training.toRunnerOptions(),
        training.applyTo(d.train()), pick(length, d.frames()), d.size(), pick(train, d.trainSize()), test);
    ModelConfig rnn = ConvTaskRunner.recurrent(o.model(), MovingBlob.CLASSES.size()).build();
    out.printf("task moving-blob: %d frames of %dx%d, classes %s; cnn %s, cell %s, hidden %d%n", o.frames(), o.size(),
        o.size(), String.join("/", MovingBlob.CLASSES), o.cnn(), rnn.cell(), rnn.hiddenSize());
    out.flush();
    VideoTaskRunner.Result r = VideoTaskRunner.run(o, progress(out));
    out.printf("result: accuracy = %.4f (chance 0.25) after %d epochs in %.1f s; %d parameters; the RNN reads %d features"
        + " per frame%n", r.accuracy(), r.epochs(), r.seconds(), r.params(), r.features());
    if (save != null) {
      FrameConvModelFile.save(save, r.model());
      out.println("model written to " + save);
    }
    if (json) {
      Map<String, Object> m = json("moving-blob", r.model().conv().spec(), rnn, r.accuracy(), r.seconds(), r.epochs(),
          r.params());
      m.put("features", r.features());
      out.println(Json.line(m));
    }
    return 0;
  }

  /** Each epoch's line, for both tasks. */
  private static ConvTaskRunner.Listener progress(PrintWriter out) {
    return p -> {
      out.printf("epoch %3d  loss %.5f  accuracy %.4f  (%.1f s)%n", p.epoch(), p.loss(), p.accuracy(), p.seconds());
      out.flush();
    };
  }

  /** The --json fields both tasks print, in this order; the caller adds its own last. */
  private static Map<String, Object> json(String task, String cnn, ModelConfig rnn, double accuracy, double seconds, int epochs,
      int params) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task);
    m.put("cnn", cnn);
    m.put("cell", rnn.cell());
    m.put("metric", "accuracy");
    m.put("value", accuracy);
    m.put("baseline", 0.25); // four classes
    m.put("seconds", Math.round(seconds * 1000) / 1000.0);
    m.put("epochs", epochs);
    m.put("params", params);
    return m;
  }

  private static <T> T pick(T given, T dflt) {
    return given != null ? given : dflt;
  }
}
