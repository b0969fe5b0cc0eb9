package io.github.pveiso.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the launcher gives a pveiso command, asked of {@code scripts/java-home.sh} right
 * before each run, as {@code ./pveiso} asks for them: the class-data archive of a jar's command is
 * recorded on its first run and made (by a Java of its own, untimed here) before its second, so
 * options worked out once would keep every run on the first run's. A user's {@code
 * PVEISO_JAVA_OPTS} wins, for every jar.
 */
final class LauncherOptions {
  private LauncherOptions() {}

  /**
   * {@code argv} with the options for its pveiso run put before its {@code -jar JAR COMMAND}; as it
   * is when it runs no jar.
   */
  static List<String> insert(List<String> argv) throws IOException, InterruptedException {
    int at = argv.indexOf("-jar");
    if (at < 0 || at + 2 >= argv.size()) {
      return argv;
    }
    List<String> out = new ArrayList<>(argv.subList(0, at));
    out.addAll(of(argv.get(at + 1), argv.get(at + 2)));
    out.addAll(argv.subList(at, argv.size()));
    return out;
  }

  /** The options for running {@code command} of {@code jar}. */
  static List<String> of(String jar, String command) throws IOException, InterruptedException {
    String given = System.getenv("PVEISO_JAVA_OPTS");
    String opts;
    if (given != null && !given.isBlank()) {
      opts = given;
    } else {
      String root = System.getenv().getOrDefault("PVEISO_BENCH_ROOT", ".");
      Process p =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  ". \"$0/scripts/java-home.sh\" && pveiso_java_opts \"$1\" \"$2\"",
                  root,
                  jar,
                  command)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      opts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("scripts/java-home.sh gave no JVM options for " + jar);
      }
    }
    return opts.isBlank() ? List.of() : List.of(opts.strip().split("\\s+"));
  }
}
