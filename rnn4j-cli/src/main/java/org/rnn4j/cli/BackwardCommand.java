package org.rnn4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.io.Npy;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.model.Batch;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.tensor.Parameters;
import org.rnn4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backward", mixinStandardHelpOptions = true,
    description = {"Forward, the loss 0.5*sum((output - target)^2), and backpropagation through time.",
        "Writes what forward writes plus DIR/grads.safetensors (same names and shapes as the model),",
        "DIR/grad_input.npy and DIR/grad_h0.npy / DIR/grad_c0.npy when --h0 / --c0 were given."})
final class BackwardCommand implements Callable<Integer> {
  @Mixin RunOptions run;

  @Option(names = "--target", required = true, paramLabel = "Y.npy", description = "Target, the shape of the output.")
  Path target;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RnnModel loaded = run.loadModel();
    // The same weights under the loss this command defines: ½·Σ(output − target)².
    ModelConfig c = loaded.config().toBuilder().loss("mse").output(loaded.config().output())
        .reduction(ModelConfig.Reduction.SUM).build();
    RnnModel model = new RnnModel(c);
    System.arraycopy(loaded.parameters().values(), 0, model.parameters().values(), 0, model.parameters().size());

    Tensor x = run.loadInput();
    Tensor[] initial = run.loadInitial(model);
    RnnModel.Output o = model.forward(x, ForwardCommand.outputSteps(model, x), initial);
    Tensor y = Npy.read(target).requireFinite(target.toString());
    y.requireShape("--target " + target, o.output().shape());
    run.writeForward(o);

    Parameters p = model.parameters();
    p.zeroGrads();
    RnnModel.InputGradients[] g = new RnnModel.InputGradients[1];
    double loss = model.lossAndGradient(new Batch(x, y, null, initial), g);
    Map<String, Tensor> grads = new LinkedHashMap<>();
    for (String name : p.params().keySet()) {
      grads.put(name, p.grad(name));
    }
    SafeTensors.write(run.out.resolve("grads.safetensors"), grads, Map.of("loss", "0.5*sum((output-target)^2)"));
    Npy.write(run.out.resolve("grad_input.npy"), g[0].x());
    String[] names = {"grad_h0.npy", "grad_c0.npy"};
    for (int k = 0; initial != null && k < initial.length; k++) {
      if (initial[k] != null) {
        Npy.write(run.out.resolve(names[k]), g[0].initial()[k]);
      }
    }
    spec.commandLine().getOut().printf("loss %.6f; wrote gradients to %s%n", loss, run.out);
    return 0;
  }
}
