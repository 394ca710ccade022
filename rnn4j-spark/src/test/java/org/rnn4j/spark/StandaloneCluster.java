package org.rnn4j.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a Master and Workers started as JVMs of their
 * own from the spark-core jar on this test's classpath, with no Spark installation. Each Worker
 * runs its executors with this classpath too: its SPARK_HOME is an empty directory with a RELEASE
 * file and an empty jars/, and SPARK_DIST_CLASSPATH (which Spark appends to an executor's
 * classpath, as for its "Hadoop free" builds) is this JVM's classpath.
 */
final class StandaloneCluster implements AutoCloseable {
  /** The JVM options of Spark's launcher on JDK 17 (as in the module's surefire argLine). */
  static final List<String> JVM = List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true");

  private final Path dir;
  private final int port;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  /** Starts a Master and {@code workers} Workers of one core each, and waits until they have registered. */
  StandaloneCluster(Path dir, int workers) throws IOException, InterruptedException {
    this.dir = dir;
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Files.createDirectories(home.resolve("jars"));
    Files.writeString(home.resolve("RELEASE"), "rnn4j test cluster: Spark from the test classpath\n");
    // INFO: the master's and workers' start-up lines are what the test waits for.
    Files.writeString(dir.resolve("log4j2.properties"), String.join("\n", "rootLogger.level = info",
        "rootLogger.appenderRef.out.ref = out", "appender.out.type = Console", "appender.out.name = out",
        "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n", ""));
    this.port = freePort();
    this.master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--webui-port", String.valueOf(freePort())));
    try {
      awaitLog("master", "Starting Spark master", 180);
      for (int w = 0; w < workers; w++) {
        this.workers.add(start("worker" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
            "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir",
            Files.createDirectories(dir.resolve("work" + w)).toString(), url())));
      }
      for (int w = 0; w < workers; w++) {
        awaitLog("worker" + w, "Successfully registered with master", 180);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      close(); // no test would stop the JVMs already started
      throw e;
    }
  }

  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** A JVM with this test's classpath and Spark's options, its output in {@code dir/<name>.log}. */
  Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM);
    cmd.add("-Xmx1g");
    cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
    pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_DIST_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_LOG_DIR", dir.toString());
    return pb.start();
  }

  Path log(String name) {
    return dir.resolve(name + ".log");
  }

  /** Waits until the process's log has a line containing {@code text}. */
  void awaitLog(String name, String text, int seconds) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (Files.exists(log(name)) && Files.readString(log(name)).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + ": no '" + text + "' within " + seconds + " s; its log:\n"
        + (Files.exists(log(name)) ? Files.readString(log(name)) : "(none)"));
  }

  /** Kills Worker w and the executors it started (SIGKILL: no goodbye to the master or the driver). */
  void killWorker(int w) {
    Process p = workers.get(w);
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : workers) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    master.destroyForcibly();
    for (Process p : workers) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
    master.waitFor(30, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
