package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rnn4j.math.Kernels;
import org.rnn4j.serve.Limits;
import org.rnn4j.serve.ModelServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Serve a model file over HTTP with JSON endpoints for its kind.",
    description = {"Serve a model file over HTTP with JSON endpoints for its kind, until stopped (Ctrl-C):",
        "  character language model: POST /generate {\"prime\",\"length\",\"temperature\",\"top_k\",\"seed\"} -> {\"text\"},",
        "                            POST /score {\"text\"} -> {\"bpc\",\"characters\"}",
        "  forecaster:               POST /predict {\"columns\": {NAME: [numbers], ...}, \"steps\"} -> {\"forecast\", ...}",
        "  classifier:               POST /classify {\"text\"} or {\"columns\": {NAME: [numbers], ...}}",
        "                            -> {\"label\",\"probabilities\"}",
        "  translator:               POST /translate {\"text\",\"beam\"} -> {\"output\"}",
        "  every model:              GET /health",
        "One model is shared by all request threads; results equal the CLI's (sample, eval, predict, classify, translate).",
        "Bad requests get 400 with {\"error\",\"field\"}; a body above --max-body or a length above --max-steps 413.",
        "--threads N: requests computed at a time (default, and at most: the available cores), each on one thread."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "The model file to serve.")
  Path model;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
      description = "Largest request body; larger ones get 413 before they are read (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--max-steps", paramLabel = "N", defaultValue = "100000",
      description = {"Most characters a /generate or rows a /predict may ask for, and a /translate's beam times its",
          "model's longest output; more gets 413 (default: ${DEFAULT-VALUE})."})
  int maxSteps;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int requestThreads = Kernels.threads(); // Main set it from --threads
    Kernels.setThreads(1); // parallel requests, not parallel products inside one
    ModelServer server = ModelServer.start(model, host, port, requestThreads, new Limits(maxBody, maxSteps));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "rnn-serve-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("serving %s (%s) on http://%s:%d with %d request threads: %s%n", model, server.model().kind(), host,
        server.port(), requestThreads, String.join(", ", server.model().endpoints().keySet()));
    out.flush();
    stopped.await();
    return 0;
  }
}
