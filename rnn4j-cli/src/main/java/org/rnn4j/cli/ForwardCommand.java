package org.rnn4j.cli;

import java.util.concurrent.Callable;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "forward", mixinStandardHelpOptions = true,
    description = {"Run a model over an input and write DIR/output.npy, DIR/h_n.npy and, for LSTM, DIR/c_n.npy.",
        "Accepts PyTorch nn.RNN/LSTM/GRU state_dict files (see docs/cli.md) as well as rnn4j model files."})
final class ForwardCommand implements Callable<Integer> {
  @Mixin RunOptions run;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RnnModel model = run.loadModel();
    Tensor x = run.loadInput();
    RnnModel.Output o = model.forward(x, outputSteps(model, x), run.loadInitial(model));
    run.writeForward(o);
    spec.commandLine().getOut().println("wrote output " + o.output().shapeString() + " to " + run.out);
    return 0;
  }

  static int outputSteps(RnnModel model, Tensor x) {
    return model.config().mapping().defaultOutputSteps(x.rank() == 3 ? x.dim(0) : 0);
  }
}
