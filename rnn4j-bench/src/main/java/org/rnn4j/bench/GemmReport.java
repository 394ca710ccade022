package org.rnn4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns GemmBenchmark's JMH CSV ({@code -rf csv -rff FILE}) into a Markdown table of GFLOP/s per
 * shape and kernel: {@code java -cp target/benchmarks.jar org.rnn4j.bench.GemmReport FILE...}.
 * Given several files (repeated runs), each cell is the median over the runs, since the machine
 * may be shared and single runs are noisy.
 */
public final class GemmReport {
  private GemmReport() {}

  public static void main(String[] args) throws IOException {
    Map<String, Map<String, List<Double>>> table = new LinkedHashMap<>();
    List<String> kernels = new ArrayList<>();
    for (String file : args) {
      List<String> lines = Files.readAllLines(Path.of(file));
      List<String> header = split(lines.get(0));
      int score = header.indexOf("Score");
      int shapeCol = header.indexOf("Param: shape");
      int kernelCol = header.indexOf("Param: kernel");
      for (String line : lines.subList(1, lines.size())) {
        List<String> f = split(line);
        if (!f.get(0).endsWith("GemmBenchmark.gemm")) {
          continue;
        }
        GemmBenchmark.Shape shape = GemmBenchmark.Shape.valueOf(f.get(shapeCol));
        String kernel = f.get(kernelCol);
        if (!kernels.contains(kernel)) {
          kernels.add(kernel);
        }
        double gflops = Double.parseDouble(f.get(score)) * shape.flops() / 1e9;
        table.computeIfAbsent(shape.name(), s -> new LinkedHashMap<>())
            .computeIfAbsent(kernel, k -> new ArrayList<>()).add(gflops);
      }
    }
    StringBuilder out = new StringBuilder("| shape (tA,tB,m,n,k) |");
    for (String k : kernels) {
      out.append(' ').append(k).append(" |");
    }
    out.append("\n|---|");
    kernels.forEach(k -> out.append("---:|"));
    out.append('\n');
    for (Map.Entry<String, Map<String, List<Double>>> row : table.entrySet()) {
      GemmBenchmark.Shape s = GemmBenchmark.Shape.valueOf(row.getKey());
      out.append(String.format(Locale.ROOT, "| %s (%s,%s,%d,%d,%d) |", s.name(),
          s.transA ? "T" : "N", s.transB ? "T" : "N", s.m, s.n, s.k));
      for (String k : kernels) {
        List<Double> v = row.getValue().get(k);
        out.append(v == null ? " - |" : String.format(Locale.ROOT, " %.1f |", median(v)));
      }
      out.append('\n');
    }
    System.out.print(out);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Splits one line of JMH's CSV: comma-separated, fields optionally double-quoted. */
  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char ch : line.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
