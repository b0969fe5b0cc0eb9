package io.github.pveiso.grub;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kernel argument to add to the installer's menu entries.
 *
 * @param only the kind of entry it is limited to; empty for every entry that loads the installer
 *     kernel
 * @param text the argument as the kernel gets it, e.g. {@code nomodeset}
 * @param key the configuration key that asked for it, for messages (e.g. {@code kernel_args})
 * @param explicit true when the user asked for it; an argument pveiso adds on its own (false)
 *     leaves a menu of unknown shape alone with a warning instead of failing
 */
public record KernelArgument(Optional<EntryKind> only, String text, String key, boolean explicit) {

  private static final Pattern LIMITED = Pattern.compile("([a-z]+):(.*)", Pattern.DOTALL);

  /**
   * Reads a configuration item: {@code ARG}, or {@code KIND:ARG} to limit it to one kind of entry
   * ({@code automated}, {@code graphical}, {@code tui}, {@code serial}, {@code debug}).
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static KernelArgument parse(String item, String key) {
    Optional<EntryKind> only = Optional.empty();
    String text = item;
    Matcher m = LIMITED.matcher(item);
    if (m.matches()) {
      only =
          Optional.of(
              EntryKind.byWord(m.group(1))
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "'"
                                  + item
                                  + "': '"
                                  + m.group(1)
                                  + "' is not a kind of menu entry; limit an argument with one of "
                                  + EntryKind.namedWords()
                                  + ", e.g. serial:console=ttyS1,115200n8")));
      text = m.group(2);
    }
    problem(text)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("'" + item + "' " + p);
            });
    return new KernelArgument(only, text, key, true);
  }

  /**
   * What would make GRUB or the kernel read {@code argument} otherwise than written, or empty when
   * it is safe on a {@code linux} line: one word of printable ASCII without quotes, backslashes,
   * {@code $} (GRUB's variables), {@code ;} {@code |} {@code &} {@code <} {@code >} {@code {}
   * {@code }} (GRUB's syntax), not starting with {@code #} (a comment).
   */
  public static Optional<String> problem(String argument) {
    if (argument.isEmpty()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == '"' || c == '\'') {
        return Optional.of(
            "has a quote: GRUB removes quotes and the kernel would not see them; give the"
                + " argument unquoted (values with spaces are not supported)");
      }
      if (c == ' ' || c == '\t') {
        return Optional.of("has a blank: give each argument as an item of its own");
      }
      if (c < 0x21 || c > 0x7e) {
        return Optional.of(
            String.format("has the character U+%04X: only printable ASCII is allowed", (int) c));
      }
      if ("\\$;|&<>{}".indexOf(c) >= 0) {
        return Optional.of(
            "has '"
                + c
                + "', which GRUB reads as "
                + (c == '$' ? "a variable" : c == '\\' ? "an escape" : "script syntax")
                + "; leave it out");
      }
    }
    if (argument.startsWith("#")) {
      return Optional.of("starts with '#', which GRUB reads as a comment");
    }
    return Optional.empty();
  }

  /** The item as configured, e.g. {@code serial:console=ttyS1,115200n8}. */
  public String item() {
    return only.map(k -> k.word() + ":").orElse("") + text;
  }

  /** The part before {@code =}, or the whole argument. */
  String name() {
    int eq = text.indexOf('=');
    return eq < 0 ? text : text.substring(0, eq);
  }
}
