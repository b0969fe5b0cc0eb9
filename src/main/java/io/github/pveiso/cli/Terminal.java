package io.github.pveiso.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;

/** Whether pveiso runs in a terminal, on Java 21 and on newer runtimes alike. */
final class Terminal {

  private Terminal() {}

  /** Whether standard input and output are a terminal. */
  @SuppressWarnings("SystemConsoleNull") // null on Java 21 without a terminal; isTerminal() after
  static boolean attached() {
    Console console = System.console();
    return console != null && isTerminal(console);
  }

  /**
   * Whether the console is a terminal. Since Java 22 {@link System#console()} also returns a
   * console when the streams are redirected and {@code Console.isTerminal()} tells; on Java 21 a
   * console is only there for a terminal.
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
