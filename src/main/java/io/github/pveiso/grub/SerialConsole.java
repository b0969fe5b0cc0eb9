package io.github.pveiso.grub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A serial console as the kernel's {@code console=} names it, {@code ttyS<unit>,<speed>[<parity>
 * [<bits>]]}, e.g. {@code ttyS1,115200n8}; GRUB reaches it with {@code serial --unit=1
 * --speed=115200}.
 *
 * @param text as configured, what follows {@code console=}
 * @param unit the port: 0 to 3 (COM1 to COM4, the ports GRUB finds by unit)
 * @param speed bits per second, one of {@link #SPEEDS}
 * @param parity {@code n}, {@code o} or {@code e}
 * @param bits data bits, 5 to 8
 */
public record SerialConsole(String text, int unit, int speed, char parity, int bits) {

  /** The speeds GRUB's serial driver sets. */
  public static final List<Integer> SPEEDS = List.of(2400, 4800, 9600, 19200, 38400, 57600, 115200);

  private static final Pattern FORM = Pattern.compile("ttyS([0-9]+),([0-9]+)(?:([noe])([5-8])?)?");

  /**
   * Reads {@code ttyS<unit>,<speed>[<parity>[<bits>]]}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static SerialConsole parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not valid; expected port and speed as the kernel's console= takes them,"
              + " e.g. ttyS1,115200n8");
    }
    int unit = Integer.parseInt(m.group(1).length() > 2 ? "99" : m.group(1));
    if (unit > 3) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': GRUB finds only ttyS0 to ttyS3 (COM1 to COM4) by unit; use one of those");
    }
    int speed = m.group(2).length() > 7 ? -1 : Integer.parseInt(m.group(2));
    if (!SPEEDS.contains(speed)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': GRUB's serial driver does not set "
              + m.group(2)
              + " bit/s; use one of "
              + String.join(", ", SPEEDS.stream().map(String::valueOf).toList()));
    }
    char parity = m.group(3) == null ? 'n' : m.group(3).charAt(0);
    int bits = m.group(4) == null ? 8 : Integer.parseInt(m.group(4));
    return new SerialConsole(text, unit, speed, parity, bits);
  }

  /** The kernel argument, e.g. {@code console=ttyS1,115200n8}. */
  public String argument() {
    return "console=" + text;
  }

  /**
   * GRUB's {@code serial} options with their values: unit and speed always, parity and word length
   * too when they differ from GRUB's default (no parity, 8 bits).
   */
  List<String[]> grubOptions() {
    List<String[]> options = new ArrayList<>();
    options.add(new String[] {"--unit", String.valueOf(unit)});
    options.add(new String[] {"--speed", String.valueOf(speed)});
    if (parity != 'n') {
      options.add(new String[] {"--parity", parity == 'o' ? "odd" : "even"});
    }
    if (bits != 8) {
      options.add(new String[] {"--word", String.valueOf(bits)});
    }
    return options;
  }
}
