package io.github.pveiso.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proc.ProcessRunner;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command needs from the outside world: the streams, the environment, the working folder,
 * the clock, the process runner, and whether a signal stopped the run. Made once per run by {@link
 * PveisoCommand}; tests make their own.
 */
record CliContext(
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    Path workingDir,
    boolean terminal,
    Clock clock,
    ProcessRunner processRunner,
    InputStream in,
    Interruption interruption) {

  /** A context whose standard input is the process's and that no signal stops. */
  CliContext(
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Path workingDir,
      boolean terminal,
      Clock clock,
      ProcessRunner processRunner) {
    this(out, err, env, workingDir, terminal, clock, processRunner, System.in, Interruption.NONE);
  }

  /** The JSON writer for result documents: stable key order, ISO dates, pretty-printed. */
  static ObjectMapper json() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(new Jdk8Module());
    mapper.enable(SerializationFeature.INDENT_OUTPUT);
    mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    return mapper;
  }

  /** The event listener for this run's options. */
  EventListener listener(GlobalOptions options) {
    return new ConsoleRenderer(err, options, terminal);
  }
}
