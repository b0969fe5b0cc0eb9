package io.github.pveiso.cli;

import io.github.pveiso.InvalidInputException;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a password: from a prompt that does not echo it (asked twice) when standard input is a
 * terminal, else from the first line of standard input. Never from an argument, where it would show
 * in the process list and the shell's history.
 */
final class PasswordInput {
  private PasswordInput() {}

  /** The installer's minimum for root-password, held to for the hashed form too. */
  static final int MINIMUM = 8;

  private static final int MAX_LINE = 4096;

  /** The password as UTF-8 bytes. */
  static byte[] read(CliContext context) {
    // context.terminal() is Terminal.attached(): a console that is a terminal
    Console console = context.terminal() ? System.console() : null;
    byte[] password = console != null ? prompt(console) : firstLine(context.in());
    if (password.length < MINIMUM) {
      Arrays.fill(password, (byte) 0);
      throw new InvalidInputException(
          "the password has fewer than "
              + MINIMUM
              + " bytes; the installer wants at least "
              + MINIMUM
              + " characters (bytes of UTF-8) for root's password");
    }
    return password;
  }

  private static byte[] prompt(Console console) {
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Repeat the password: ");
    try {
      if (first == null || second == null) {
        throw new InvalidInputException("no password was entered");
      }
      if (!Arrays.equals(first, second)) {
        throw new InvalidInputException("the two passwords differ; run it again");
      }
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(first));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }

  /** The first line of {@code in}, without its line end. */
  private static byte[] firstLine(InputStream in) {
    byte[] buffer = new byte[MAX_LINE];
    int n = 0;
    try {
      for (int b; n < MAX_LINE && (b = in.read()) >= 0 && b != '\n'; ) {
        buffer[n++] = (byte) b;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password from standard input", e);
    }
    if (n > 0 && buffer[n - 1] == '\r') {
      n--;
    }
    if (n == 0) {
      throw new InvalidInputException(
          "no password on standard input; pipe it in (printf '%s\\n' \"$PW\" | pveiso answer"
              + " hash-password) or run it in a terminal to be asked");
    }
    byte[] out = Arrays.copyOf(buffer, n);
    Arrays.fill(buffer, (byte) 0);
    return out;
  }
}
