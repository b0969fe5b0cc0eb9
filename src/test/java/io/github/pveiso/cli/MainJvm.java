package io.github.pveiso.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** pveiso's {@link Main} in a JVM of its own, for tests of how the process starts and ends. */
final class MainJvm {

  private MainJvm() {}

  /**
   * A process running {@code prefix} (a program that starts the JVM, e.g. {@code env ...}), then
   * Java with this test's class path and {@link Main} with {@code args}, in {@code dir} with {@code
   * HOME} there, its output to {@code dir/stdout} and {@code dir/stderr}.
   */
  static ProcessBuilder builder(Path dir, List<String> prefix, List<String> args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile());
    builder.environment().put("HOME", dir.toString());
    return builder;
  }
}
