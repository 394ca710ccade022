package org.rnn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;

/**
 * A run directory that is a local directory or a directory on any Hadoop file system ({@code
 * hdfs://}, {@code s3a://}, {@code file://}, ...), so a driver on another machine can resume the
 * run. Files are written to {@link #local()} (the directory itself when it is local, a staging
 * directory otherwise); {@link #publish} copies one to the Hadoop directory under a temporary name
 * and renames it, so a reader never sees half a file; {@link #fetch} brings one back for a resume.
 */
public final class RunDirectory {
  private final String location;
  private final Path local;
  private final org.apache.hadoop.fs.Path remote; // null when the directory is local
  private final Configuration hadoop;

  private RunDirectory(String location, Path local, org.apache.hadoop.fs.Path remote, Configuration hadoop) {
    this.location = location;
    this.local = local;
    this.remote = remote;
    this.hadoop = hadoop;
  }

  /** A path without a scheme is a local directory; {@code hadoop} configures the file systems (Spark's). */
  public static RunDirectory of(String location, Configuration hadoop) throws IOException {
    if (isLocal(location)) {
      Path dir = Path.of(location);
      Files.createDirectories(dir);
      return new RunDirectory(location, dir, null, hadoop);
    }
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
    remote.getFileSystem(hadoop).mkdirs(remote);
    return new RunDirectory(location, Files.createTempDirectory("rnn4j-run-"), remote, hadoop);
  }

  /** Whether the directory exists (without making it, as {@link #of} does). */
  public static boolean exists(String location, Configuration hadoop) throws IOException {
    if (isLocal(location)) {
      return Files.isDirectory(Path.of(location));
    }
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
    FileSystem fs = remote.getFileSystem(hadoop);
    return fs.exists(remote) && fs.getFileStatus(remote).isDirectory();
  }

  private static boolean isLocal(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    return uri.getScheme() == null || uri.getScheme().length() == 1; // "C:" is a drive, not a scheme
  }

  /** Where to write files (then {@link #publish} them). */
  public Path local() { return local; }

  /** The directory as given. */
  public String location() { return location; }

  @Override
  public String toString() { return location; }

  /** Copies {@code local()/name} to the Hadoop directory atomically (nothing to do for a local directory). */
  public void publish(String name) {
    if (remote == null) {
      return;
    }
    try {
      FileSystem fs = remote.getFileSystem(hadoop);
      org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(remote, name);
      org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(remote, "." + name + ".tmp");
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve(name).toUri()), temporary);
      fs.delete(target, false);
      if (!fs.rename(temporary, target)) {
        throw new IOException("rename of " + temporary + " to " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + name + " to the run directory " + location + ": " + e.getMessage(), e);
    }
  }

  /** Copies the Hadoop directory's {@code name} to {@code local()}; false when it has none. */
  public boolean fetch(String name) throws IOException {
    if (remote == null) {
      return Files.exists(local.resolve(name));
    }
    FileSystem fs = remote.getFileSystem(hadoop);
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(remote, name);
    if (!fs.exists(source)) {
      return false;
    }
    FileUtil.copy(fs, source, local.resolve(name).toFile(), false, hadoop);
    return true;
  }
}
